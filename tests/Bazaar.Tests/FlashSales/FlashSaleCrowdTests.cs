using Bazaar.Tests.Platform;

namespace Bazaar.Tests.FlashSales;

/// <summary>A PostgreSQL shop with no Redis configured: flash sales decided by the database alone.</summary>
public sealed class PostgresWithoutRedis : IAsyncLifetime
{
    public PostgresShop Shop { get; } = new(null, redis: "");

    public Task InitializeAsync() => Shop.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)Shop).DisposeAsync();
}

/// <summary>
/// A crowd at a sale of 20 units: exactly 20 orders at the flash price, one per customer, everyone else
/// told "sold out"; the same on Redis in front of PostgreSQL, on PostgreSQL alone and on SQLite alone.
/// </summary>
public abstract class FlashSaleCrowdTests(ShopFactory shop)
{
    protected const int Units = 20, Crowd = 300;

    [Fact]
    public async Task Three_hundred_customers_at_once_get_exactly_twenty_orders_and_everyone_else_sold_out()
    {
        var (saleId, productId) = await shop.NewSaleAsync(Units);
        var buyers = await shop.NewBuyersAsync(Crowd);

        var answers = await shop.EveryoneBuysAsync(buyers, saleId);

        await shop.AssertSoldExactlyAsync(answers, saleId, productId, Units);
        await AssertRedisAgreesAsync(saleId);
    }

    protected virtual Task AssertRedisAgreesAsync(Guid saleId) => Task.CompletedTask;
}

public sealed class FlashSaleCrowdTests_Redis(PostgresShop shop) : FlashSaleCrowdTests(shop), IClassFixture<PostgresShop>
{
    private readonly PostgresShop _shop = shop;

    protected override async Task AssertRedisAgreesAsync(Guid saleId)
    {
        Assert.Equal(0, await _shop.RedisRemainingAsync(saleId));
        Assert.Empty(await _shop.RedisPendingAsync(saleId));
    }

    [Fact]
    public async Task After_the_last_unit_a_loser_costs_no_database_command()
    {
        var (saleId, _) = await _shop.NewSaleAsync(1);
        var buyers = await _shop.NewBuyersAsync(2);
        var client = _shop.Anonymous();
        Assert.Equal(System.Net.HttpStatusCode.Created, (await _shop.BuyAsync(client, buyers[0], saleId)).Status);

        using var sql = SqlCommands.On(_shop);
        var lost = await _shop.BuyAsync(client, buyers[1], saleId);

        Assert.Equal(Bazaar.FlashSales.FlashSaleAnswers.SoldOutCode, lost.Code);
        Assert.Empty(sql.Texts);
    }
}

public sealed class FlashSaleCrowdTests_Postgres(PostgresWithoutRedis postgres) : FlashSaleCrowdTests(postgres.Shop),
    IClassFixture<PostgresWithoutRedis>;

public sealed class FlashSaleCrowdTests_Sqlite(SqliteShop shop) : FlashSaleCrowdTests(shop), IClassFixture<SqliteShop>;
