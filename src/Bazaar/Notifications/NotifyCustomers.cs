using System.Globalization;
using Bazaar.Ordering;
using Bazaar.Platform.Outbox;

namespace Bazaar.Notifications;

/// <summary>Tells the customer what happened to their order: placed, paid, shipped, delivered, refunded.</summary>
public sealed class NotifyCustomers(SendCustomerText send) :
    IEventHandler<OrderPlaced>, IEventHandler<OrderStatusChanged>, IEventHandler<OrderShipped>, IEventHandler<OrderRefunded>
{
    private const string Brand = "【Bazaar】";

    public Task HandleAsync(OrderPlaced e, OutboxEnvelope envelope, CancellationToken ct) =>
        send.HandleAsync($"placed:{e.OrderId:N}", "placed", e.CustomerId, e.OrderId,
            $"{Brand}订单 {e.Number} 已提交，应付 {Yuan(e.Total)}，请尽快完成付款。Order {e.Number} placed: please pay {Yuan(e.Total)}.", ct);

    public Task HandleAsync(OrderStatusChanged e, OutboxEnvelope envelope, CancellationToken ct) => e.To switch
    {
        OrderStatus.Paid => send.HandleAsync($"paid:{e.OrderId:N}", "paid", e.CustomerId, e.OrderId,
            $"{Brand}订单 {e.Number} 已付款，我们会尽快发货。Order {e.Number} is paid; we will ship it soon.", ct),
        OrderStatus.Delivered => send.HandleAsync($"delivered:{e.OrderId:N}", "delivered", e.CustomerId, e.OrderId,
            $"{Brand}订单 {e.Number} 已签收，感谢您的惠顾。Order {e.Number} was delivered. Thank you!", ct),
        _ => Task.CompletedTask, // shipped and refunded carry more than a status: their own events say it
    };

    public Task HandleAsync(OrderShipped e, OutboxEnvelope envelope, CancellationToken ct) =>
        send.HandleAsync($"shipped:{e.OrderId:N}", "shipped", e.CustomerId, e.OrderId,
            $"{Brand}订单 {e.Number} 已发货，运单号 {e.TrackingNumber}。Order {e.Number} shipped, tracking {e.TrackingNumber}.", ct);

    public Task HandleAsync(OrderRefunded e, OutboxEnvelope envelope, CancellationToken ct) =>
        send.HandleAsync($"refund:{e.RefundId:N}", "refunded", e.CustomerId, e.OrderId,
            $"{Brand}订单 {e.Number} 已退款 {Yuan(e.Amount)}。Order {e.Number}: {Yuan(e.Amount)} refunded.", ct);

    private static string Yuan(decimal amount) => "¥" + amount.ToString("0.00", CultureInfo.InvariantCulture);
}
