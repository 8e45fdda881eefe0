using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Payments;

/// <summary>
/// The shop instance that accepted a payment dies after its commit and before its outbox ran; the
/// other instance on the same database finishes the job, exactly once. PostgreSQL: a cluster's database.
/// </summary>
public sealed class HostDiesBeforeDispatchTests(PostgresShop survivor) : IClassFixture<PostgresShop>
{
    [Fact]
    public async Task A_payment_accepted_by_an_instance_that_died_before_dispatch_pays_the_order_once_on_the_other()
    {
        var doomed = new PostgresShop(survivor.DatabaseName);
        await doomed.InitializeAsync();
        PlacedOrder order;
        try
        {
            order = await doomed.UnpaidOrderAsync(stock: 10, quantity: 2);
            var paymentId = await order.StartedPaymentAsync();
            doomed.ShopperSettles(paymentId);
            await doomed.DeliverCallbacksAsync(); // accepted and committed, PaymentSucceeded waits in the outbox
            Assert.Equal(1, await doomed.NotificationsAboutAsync(paymentId));
            Assert.Equal("PendingPayment", await order.StatusAsync());
        }
        finally
        {
            await ((IAsyncLifetime)doomed).DisposeAsync(); // its dispatcher never ran
        }

        // Each instance has its own fake clock; the survivor's must not be behind the events it is to deliver.
        var behind = doomed.Clock.GetUtcNow() - survivor.Clock.GetUtcNow();
        if (behind > TimeSpan.Zero)
            survivor.Clock.Advance(behind + TimeSpan.FromSeconds(1));
        await survivor.DispatchOutboxAsync();
        await survivor.DispatchOutboxAsync();

        var status = await survivor.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == order.Id).Select(o => o.Status).SingleAsync());
        Assert.Equal(OrderStatus.Paid, status);
        Assert.Equal(1, await survivor.MovesToAsync(order.Id, OrderStatus.Paid));
        var stock = await survivor.StockOfAsync(order);
        Assert.Equal((OnHand: 8, Reserved: 0), stock);
    }
}
