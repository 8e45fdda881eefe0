using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Ordering;

/// <summary>
/// Many buyers at the same moment, each on its own connection, against 50 units: exactly 50 orders,
/// every other buyer told clearly that it is sold out, and the stock row never over-reserved.
/// </summary>
public sealed class StockNeverOversoldTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    private const int Stock = 50, Buyers = 200;

    [Fact]
    public async Task Two_hundred_buyers_on_fifty_units_get_exactly_fifty_orders()
    {
        var productId = await cluster.First.NewProductAsync(Stock);
        var customers = await cluster.First.NewCustomersAsync(Buyers);

        var outcomes = await BuyAllAtOnceAsync(customers.Select(c => ((ShopFactory)cluster.First, c)).ToList(), productId);

        AssertExactlyFiftySold(outcomes, productId, await cluster.First.StockAsync(productId));
        await AssertReservationsMatchAsync(cluster.First, productId, Stock);
    }

    [Fact]
    public async Task Buyers_split_across_two_instances_still_get_exactly_fifty_orders()
    {
        var productId = await cluster.First.NewProductAsync(Stock);
        var customers = await cluster.First.NewCustomersAsync(Buyers);

        var outcomes = await BuyAllAtOnceAsync(
            customers.Select((c, i) => ((ShopFactory)(i % 2 == 0 ? cluster.First : cluster.Second), c)).ToList(), productId);

        AssertExactlyFiftySold(outcomes, productId, await cluster.Second.StockAsync(productId));
        await AssertReservationsMatchAsync(cluster.Second, productId, Stock);
    }

    private static async Task<List<Result>> BuyAllAtOnceAsync(List<(ShopFactory Shop, (Guid CustomerId, Guid AddressId) Customer)> buyers,
        int productId)
    {
        using var start = new ManualResetEventSlim(false);
        var tasks = buyers.Select(b => Task.Run(async () =>
        {
            await using var scope = b.Shop.Services.CreateAsyncScope();
            var place = scope.ServiceProvider.GetRequiredService<PlaceOrder>();
            start.Wait();
            var outcome = await place.HandleAsync(b.Customer.CustomerId,
                new PlaceOrderRequest([new OrderItemRequest(productId, 1)], b.Customer.AddressId),
                Guid.NewGuid().ToString(), chinese: false, default);
            return new Result(outcome.Succeeded, outcome.Problem?.Status, outcome.Problem?.Detail);
        })).ToList();
        start.Set();
        return (await Task.WhenAll(tasks)).ToList();
    }

    private static void AssertExactlyFiftySold(List<Result> outcomes, int productId, StockSnapshot stock)
    {
        Assert.Equal(Stock, outcomes.Count(o => o.Placed));
        var refused = outcomes.Where(o => !o.Placed).ToList();
        Assert.Equal(Buyers - Stock, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(409, r.Status);
            Assert.Contains("Test product", r.Detail); // the answer names the product that is short
        });
        Assert.Equal(Stock, stock.OnHand);
        Assert.Equal(Stock, stock.Reserved);
        Assert.Equal(0, stock.Available);
    }

    private static async Task AssertReservationsMatchAsync(ShopFactory shop, int productId, int expected)
    {
        var held = await shop.WithDbAsync(db => db.Set<StockReservation>()
            .Where(r => r.ProductId == productId && r.Status == ReservationStatus.Held).SumAsync(r => r.Quantity));
        var orders = await shop.WithDbAsync(db => db.Set<Order>().CountAsync(o => o.Lines.Any(l => l.ProductId == productId)));
        Assert.Equal(expected, held);
        Assert.Equal(expected, orders);
    }

    private sealed record Result(bool Placed, int? Status, string? Detail);
}
