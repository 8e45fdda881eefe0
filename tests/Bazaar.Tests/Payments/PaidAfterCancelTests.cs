using Bazaar.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bazaar.Tests.Payments;

/// <summary>
/// A shopper who pays after the order timed out has paid for stock that went back on the shelf:
/// the shop gives the money back by itself and the order stays cancelled.
/// </summary>
public abstract class PaidAfterCancelTests(ShopFactory shop)
{
    [Fact]
    public async Task A_payment_arriving_after_the_order_expired_is_refunded_in_full_and_the_order_stays_cancelled()
    {
        var order = await shop.UnpaidOrderAsync(stock: 10, quantity: 2);
        var paymentId = await order.StartedPaymentAsync(); // the pay page is open…
        var timeout = shop.Services.GetRequiredService<IOptions<OrderingOptions>>().Value.PaymentTimeout;
        shop.Clock.Advance(timeout + TimeSpan.FromMinutes(1));
        await shop.Services.GetRequiredService<ExpireUnpaidOrders>().RunOnceAsync(default);
        Assert.Equal("Cancelled", await order.StatusAsync());

        shop.ShopperSettles(paymentId); // …and the shopper pays anyway
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();
        await shop.DeliverCallbacksAsync(); // the refund's own notification
        await shop.DispatchOutboxAsync();

        Assert.Equal(order.Total, shop.AtGateway(paymentId)?.RefundedAmount);
        Assert.Equal("Cancelled", await order.StatusAsync());
        Assert.Equal(0, await shop.MovesToAsync(order.Id, OrderStatus.Paid));
        Assert.Equal((OnHand: 10, Reserved: 0), await shop.StockOfAsync(order));
        shop.AssertAllAcknowledged(paymentId); // the payment's notification and the refund's
    }
}

public sealed class PaidAfterCancelTests_Sqlite(SqliteShop shop) : PaidAfterCancelTests(shop), IClassFixture<SqliteShop>;
public sealed class PaidAfterCancelTests_Postgres(PostgresShop shop) : PaidAfterCancelTests(shop), IClassFixture<PostgresShop>;
