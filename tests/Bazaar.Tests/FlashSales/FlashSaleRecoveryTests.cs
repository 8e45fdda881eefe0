using System.Net;
using Bazaar.FlashSales;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.FlashSales;

/// <summary>
/// An instance killed between Redis and the database: its buyer's unit is taken in Redis and never
/// reaches the database. Reconciliation, on any instance, gives it back once it is older than
/// FlashSales:PendingTimeout, and the unit is sold to someone else; Redis and the database agree.
/// </summary>
public sealed class KilledInstanceTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task A_unit_taken_in_redis_by_an_instance_that_died_is_given_back_and_sold_to_someone_else()
    {
        var (first, second) = (cluster.First, cluster.Second);
        var (saleId, productId) = await first.NewSaleAsync(3);
        var buyers = await first.NewBuyersAsync(5);
        var client = first.Anonymous();
        await first.ReconcileFlashSalesAsync(); // the sale has started: it is opened in Redis
        Assert.Equal(3, await first.RedisRemainingAsync(saleId));

        // The second instance runs the script for buyer 0 and dies before its database transaction.
        var took = await second.Services.GetRequiredService<RedisFlashStock>().TakeAsync(saleId, buyers[0].CustomerId, second.Clock.GetUtcNow());
        Assert.Equal(Take.Won, took);
        Assert.Equal(HttpStatusCode.Created, (await first.BuyAsync(client, buyers[1], saleId)).Status);
        Assert.Equal(HttpStatusCode.Created, (await first.BuyAsync(client, buyers[2], saleId)).Status);
        Assert.Equal(FlashSaleAnswers.SoldOutCode, (await first.BuyAsync(client, buyers[3], saleId)).Code);
        Assert.Equal(2, (await first.SaleAsync(saleId)).Sold);

        // Within the timeout the dead instance's buyer may just be slow: the unit stays taken.
        var early = await Task.WhenAll(first.ReconcileFlashSalesAsync(), second.ReconcileFlashSalesAsync());
        Assert.All(early, pass => Assert.Equal(0, pass.GivenBack));
        Assert.Equal(0, await first.RedisRemainingAsync(saleId));

        first.Clock.Advance(TimeSpan.FromSeconds(31));
        second.Clock.Advance(TimeSpan.FromSeconds(31));
        var late = await Task.WhenAll(first.ReconcileFlashSalesAsync(), second.ReconcileFlashSalesAsync());

        Assert.Equal(1, late.Sum(pass => pass.GivenBack)); // both instances ran it; the unit came back once
        Assert.Equal(1, await first.RedisRemainingAsync(saleId));
        Assert.Empty(await first.RedisPendingAsync(saleId));
        var answers = new List<BuyAnswer> { await second.BuyAsync(second.Anonymous(), buyers[3], saleId) };
        answers.Add(await first.BuyAsync(client, buyers[4], saleId));
        Assert.Equal(HttpStatusCode.Created, answers[0].Status);
        Assert.Equal(FlashSaleAnswers.SoldOutCode, answers[1].Code);
        Assert.Equal(0, await first.RedisRemainingAsync(saleId));
        var sale = await first.SaleAsync(saleId);
        Assert.Equal(3, sale.Sold);
        Assert.DoesNotContain(await first.PurchasesAsync(saleId), p => p.CustomerId == buyers[0].CustomerId);
        Assert.Equal(3, (await first.OrdersOfAsync(productId)).Count);
    }
}

/// <summary>
/// Redis dies in the middle of a sale: no buyer gets a 500, the sale goes on in the database alone
/// with nothing oversold, and once Redis is back it is rebuilt from the database and agrees with it.
/// </summary>
public sealed class RedisDiesMidSaleTests(KillableRedis redis) : IClassFixture<KillableRedis>
{
    [Fact]
    public async Task The_sale_goes_on_in_the_database_and_redis_agrees_with_it_when_back()
    {
        await using var shop = new PostgresShop(null, redis.Configuration);
        await shop.InitializeAsync();
        var (saleId, productId) = await shop.NewSaleAsync(20);
        var early = await shop.NewBuyersAsync(10);
        var late = await shop.NewBuyersAsync(70);

        var answers = await shop.EveryoneBuysAsync(early, saleId);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Equal(10, await shop.RedisRemainingAsync(saleId));

        redis.Kill();
        answers.AddRange(await shop.EveryoneBuysAsync(late, saleId));

        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        await shop.AssertSoldExactlyAsync(answers, saleId, productId, 20);

        await redis.StartAsync(); // empty: the sale's keys are gone with the old process
        var stock = shop.Services.GetRequiredService<RedisFlashStock>();
        await CacheCoherenceTests.TimeUntilAsync(() => Task.FromResult(stock.IsAvailable), TimeSpan.FromSeconds(20));
        await shop.ReconcileFlashSalesAsync();
        Assert.Equal(0, await shop.RedisRemainingAsync(saleId));
        var oneMore = (await shop.NewBuyersAsync(1))[0];
        Assert.Equal(FlashSaleAnswers.SoldOutCode, (await shop.BuyAsync(shop.Anonymous(), oneMore, saleId)).Code);
    }
}
