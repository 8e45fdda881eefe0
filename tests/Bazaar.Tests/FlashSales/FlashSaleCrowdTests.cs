using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task Once_sold_out_for_good_losers_are_turned_away_from_memory_and_buyers_still_get_their_answer()
    {
        var (saleId, _) = await _shop.NewSaleAsync(2);
        var buyers = await _shop.NewBuyersAsync(4);
        var client = _shop.Anonymous();
        var key = Guid.NewGuid().ToString();
        var won = await _shop.BuyAsync(client, buyers[0], saleId, key);
        Assert.Equal(System.Net.HttpStatusCode.Created, (await _shop.BuyAsync(client, buyers[1], saleId)).Status);
        // The first loser hears from Redis that nothing is left or pending: sold out for good.
        Assert.Equal(Bazaar.FlashSales.FlashSaleAnswers.SoldOutCode, (await _shop.BuyAsync(client, buyers[2], saleId)).Code);

        // Redis loses the sale: a loser who still asked it would open the sale again from the database.
        var redis = _shop.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase();
        var keys = await _shop.Services.GetRequiredService<Bazaar.FlashSales.RedisFlashStock>().RemainingAsync(saleId);
        Assert.Equal(0, keys);
        var prefix = $"{_shop.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Caching:Name"] ?? "bazaar"}:flash:{{{saleId:N}}}:";
        await redis.KeyDeleteAsync([prefix + "remaining", prefix + "buyers", prefix + "pending"]);
        using var sql = SqlCommands.On(_shop);
        var lost = await _shop.BuyAsync(client, buyers[3], saleId);

        Assert.Equal(Bazaar.FlashSales.FlashSaleAnswers.SoldOutCode, lost.Code);
        Assert.Empty(sql.Texts);
        Assert.Null(await _shop.RedisRemainingAsync(saleId)); // not reopened: Redis was not asked
        sql.Dispose();
        // A buyer is not a loser: the same key gets the same order, another try "already bought".
        var again = await _shop.BuyAsync(client, buyers[0], saleId, key);
        Assert.Equal((System.Net.HttpStatusCode.Created, won.OrderId), (again.Status, again.OrderId));
        Assert.Equal(Bazaar.FlashSales.FlashSaleAnswers.AlreadyBoughtCode, (await _shop.BuyAsync(client, buyers[1], saleId)).Code);
        Assert.Equal(2, (await _shop.SaleAsync(saleId)).Sold);
    }
}

public sealed class FlashSaleCrowdTests_Postgres(PostgresWithoutRedis postgres) : FlashSaleCrowdTests(postgres.Shop),
    IClassFixture<PostgresWithoutRedis>;

public sealed class FlashSaleCrowdTests_Sqlite(SqliteShop shop) : FlashSaleCrowdTests(shop), IClassFixture<SqliteShop>;
