using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Ordering;

/// <summary>Unpaid orders expire after the payment timeout and give their stock back, exactly once.</summary>
public abstract class OrderExpiryTests(ShopFactory shop)
{
    [Fact]
    public async Task An_unpaid_order_expires_after_thirty_minutes_and_its_stock_comes_back_once_even_with_two_jobs()
    {
        var productId = await shop.NewProductAsync(stock: 20);
        var (customerId, addressId) = (await shop.NewCustomersAsync(1))[0];
        var order = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
            new PlaceOrderRequest([new OrderItemRequest(productId, 5)], addressId), Guid.NewGuid().ToString(), false, default));
        Assert.True(order.Succeeded);
        Assert.Equal(5, (await shop.StockAsync(productId)).Reserved);

        shop.Clock.Advance(TimeSpan.FromMinutes(29));
        await shop.Services.GetRequiredService<ExpireUnpaidOrders>().RunOnceAsync(default);
        Assert.Equal(5, (await shop.StockAsync(productId)).Reserved); // not yet due

        shop.Clock.Advance(TimeSpan.FromMinutes(2));
        var job = shop.Services.GetRequiredService<ExpireUnpaidOrders>();
        // Two passes at the same moment, as two instances' jobs would run.
        await Task.WhenAll(Task.Run(() => job.RunOnceAsync(default)), Task.Run(() => job.RunOnceAsync(default)));
        await job.RunOnceAsync(default);

        var stock = await shop.StockAsync(productId);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(20, stock.OnHand);
        var status = await shop.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == order.Value!.Id).Select(o => o.Status).SingleAsync());
        Assert.Equal(OrderStatus.Cancelled, status);
        var released = await shop.WithDbAsync(db => db.Set<StockReservation>()
            .Where(r => r.OrderId == order.Value!.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(ReservationStatus.Released, released);
        var cancellations = await shop.WithDbAsync(db => db.Set<OrderStatusChange>()
            .CountAsync(c => c.OrderId == order.Value!.Id && c.To == OrderStatus.Cancelled));
        Assert.Equal(1, cancellations);
    }
}

public sealed class OrderExpiryTests_Sqlite(SqliteShop shop) : OrderExpiryTests(shop), IClassFixture<SqliteShop>;
public sealed class OrderExpiryTests_Postgres(PostgresShop shop) : OrderExpiryTests(shop), IClassFixture<PostgresShop>;
