using Bazaar.Payments;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bazaar.Tests.Payments;

/// <summary>A notification lost on the way never leaves a paid order unpaid: the shop asks the gateway itself.</summary>
public abstract class ReconciliationTests(ShopFactory shop)
{
    [Fact]
    public async Task A_payment_whose_notification_never_came_is_settled_by_asking_the_gateway_once_it_is_overdue()
    {
        var order = await shop.UnpaidOrderAsync(stock: 10, quantity: 2);
        var paymentId = await order.StartedPaymentAsync();
        shop.ShopperSettles(paymentId); // paid at the gateway; its notification is never delivered
        var reconcile = shop.Services.GetRequiredService<ReconcilePendingPayments>();
        var after = shop.Services.GetRequiredService<IOptions<PaymentsOptions>>().Value.ReconcileAfter;

        // Before ReconcileAfter the notification may still be on its way: the shop does not ask yet.
        shop.Clock.Advance(after - TimeSpan.FromSeconds(10));
        await reconcile.RunOnceAsync(default);
        await shop.DispatchOutboxAsync();
        Assert.Equal("Pending", (await order.PaymentAsync()).GetProperty("status").GetString());
        Assert.Equal("PendingPayment", await order.StatusAsync());

        shop.Clock.Advance(TimeSpan.FromSeconds(20));
        await reconcile.RunOnceAsync(default);
        await shop.DispatchOutboxAsync();

        Assert.Equal("Succeeded", (await order.PaymentAsync()).GetProperty("status").GetString());
        Assert.Equal("Paid", await order.StatusAsync());
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));

        // The notification turns up after all: acknowledged, and nothing happens twice.
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();
        shop.AssertAllAcknowledged(paymentId);
        Assert.Equal(1, await shop.MovesToAsync(order.Id, Bazaar.Ordering.OrderStatus.Paid));
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));
    }
}

public sealed class ReconciliationTests_Sqlite(SqliteShop shop) : ReconciliationTests(shop), IClassFixture<SqliteShop>;
public sealed class ReconciliationTests_Postgres(PostgresShop shop) : ReconciliationTests(shop), IClassFixture<PostgresShop>;
