using System.Net;
using System.Security.Cryptography;
using Bazaar.Ordering;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Payments;

/// <summary>
/// The shop believes a payment notification only when the gateway signed it and it names one of
/// our payments with its very amount and order; a replay or a late contradiction changes nothing.
/// </summary>
public abstract class NotificationTrustTests(ShopFactory shop)
{
    /// <summary>An unpaid order with a payment opened at the gateway, as the shop stored it.</summary>
    private async Task<(PlacedOrder Order, Bazaar.Payments.Payment Payment)> PendingPaymentAsync()
    {
        var order = await shop.UnpaidOrderAsync(stock: 10, quantity: 2);
        var payment = await shop.StoredPaymentAsync(await order.StartedPaymentAsync());
        return (order, payment);
    }

    /// <summary>Even after the outbox ran: still unpaid, the stock still only held, nothing recorded.</summary>
    private async Task AssertNothingChangedAsync(PlacedOrder order, Guid paymentId)
    {
        await shop.DispatchOutboxAsync();
        Assert.Equal("PendingPayment", await order.StatusAsync());
        Assert.Equal(Bazaar.Payments.PaymentStatus.Pending, (await shop.StoredPaymentAsync(paymentId)).Status);
        Assert.Equal(0, await shop.NotificationsAboutAsync(paymentId));
        Assert.Equal((OnHand: 10, Reserved: 2), await shop.StockOfAsync(order));
    }

    [Fact]
    public async Task A_notification_signed_with_another_key_is_a_401_and_changes_nothing()
    {
        var (order, payment) = await PendingPaymentAsync();
        using var impostor = RSA.Create(2048);

        var response = await shop.PostNotificationAsync(shop.TradeNotification(payment).SignedBy(impostor));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingChangedAsync(order, payment.Id);
    }

    [Fact]
    public async Task A_notification_without_a_signature_is_a_400_and_changes_nothing()
    {
        var (order, payment) = await PendingPaymentAsync();
        var unsigned = shop.TradeNotification(payment).SignedByGateway(shop);
        unsigned.Remove("sign");

        var response = await shop.PostNotificationAsync(unsigned);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(order, payment.Id);
    }

    [Fact]
    public async Task A_validly_signed_notification_for_another_amount_is_a_400_and_changes_nothing()
    {
        var (order, payment) = await PendingPaymentAsync();
        var cheaper = shop.TradeNotification(payment);
        cheaper["total_amount"] = Bazaar.Sandbox.Wire.Money(payment.Amount - 0.01m);

        var response = await shop.PostNotificationAsync(cheaper.SignedByGateway(shop));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(order, payment.Id);
    }

    [Fact]
    public async Task A_validly_signed_notification_naming_another_order_is_a_400_and_changes_nothing()
    {
        var (order, payment) = await PendingPaymentAsync();
        var (other, _) = await PendingPaymentAsync();
        var crossed = shop.TradeNotification(payment);
        crossed["order_number"] = other.Number;

        var response = await shop.PostNotificationAsync(crossed.SignedByGateway(shop));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(order, payment.Id);
    }

    [Fact]
    public async Task A_validly_signed_notification_about_a_payment_we_never_opened_is_a_400()
    {
        var (order, payment) = await PendingPaymentAsync();
        var unknown = shop.TradeNotification(payment);
        unknown["out_trade_no"] = Guid.NewGuid().ToString("N");

        var response = await shop.PostNotificationAsync(unknown.SignedByGateway(shop));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingChangedAsync(order, payment.Id);
    }

    [Fact]
    public async Task A_replayed_notification_is_acknowledged_and_applied_once()
    {
        var order = await shop.PaidOrderAsync(stock: 10, quantity: 2);
        var paymentId = (await order.PaymentAsync()).GetProperty("attempts")[0].GetProperty("id").GetGuid();
        var accepted = Assert.Single(await shop.AcceptedNotificationBodiesAsync(paymentId));

        // The very bytes the gateway sent, again and again, and each copy run through the outbox.
        for (var i = 0; i < 3; i++)
        {
            var replay = await shop.PostNotificationAsync(accepted);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Equal("success", await replay.Content.ReadAsStringAsync());
            await shop.DispatchOutboxAsync();
        }

        Assert.Equal(1, await shop.NotificationsAboutAsync(paymentId));
        Assert.Equal(1, await shop.MovesToAsync(order.Id, OrderStatus.Paid));
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));
    }

    [Fact]
    public async Task A_failure_reported_after_the_success_changes_nothing()
    {
        var order = await shop.PaidOrderAsync(stock: 10, quantity: 2);
        var paymentId = (await order.PaymentAsync()).GetProperty("attempts")[0].GetProperty("id").GetGuid();
        var payment = await shop.StoredPaymentAsync(paymentId);

        var late = await shop.PostNotificationAsync(shop.TradeNotification(payment, "TRADE_FAILED").SignedByGateway(shop));
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, late.StatusCode); // acknowledged, so the gateway stops sending it
        Assert.Equal("Succeeded", (await order.PaymentAsync()).GetProperty("status").GetString());
        Assert.Equal("Paid", await order.StatusAsync());
        Assert.Equal(1, await shop.MovesToAsync(order.Id, OrderStatus.Paid));
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));
    }

    [Fact]
    public async Task A_success_reported_after_a_failure_pays_the_order_because_the_money_is_real()
    {
        var (order, payment) = await PendingPaymentAsync();

        var failed = await shop.PostNotificationAsync(shop.TradeNotification(payment, "TRADE_FAILED").SignedByGateway(shop));
        await shop.DispatchOutboxAsync();
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("Failed", (await order.PaymentAsync()).GetProperty("status").GetString());
        Assert.Equal("PendingPayment", await order.StatusAsync());

        var succeeded = await shop.PostNotificationAsync(shop.TradeNotification(payment).SignedByGateway(shop));
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);
        Assert.Equal("Succeeded", (await order.PaymentAsync()).GetProperty("status").GetString());
        Assert.Equal("Paid", await order.StatusAsync());
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));
    }
}

public sealed class NotificationTrustTests_Sqlite(SqliteShop shop) : NotificationTrustTests(shop), IClassFixture<SqliteShop>;
public sealed class NotificationTrustTests_Postgres(PostgresShop shop) : NotificationTrustTests(shop), IClassFixture<PostgresShop>;
