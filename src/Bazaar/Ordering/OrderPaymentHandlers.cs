using Bazaar.Payments;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Bazaar.Shipping;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// A payment went through: the order becomes Paid and its held stock sold. If the order was
/// cancelled meanwhile (the payment came after the timeout), the stock is gone back to the shelf,
/// so the money goes back to the customer instead. Idempotent: a Paid order stays as it is.
/// </summary>
public sealed class MarkOrderPaid(ShopDb db, ChangeOrderStatus change, IPayments payments, ILogger<MarkOrderPaid> log)
    : IEventHandler<PaymentSucceeded>
{
    public async Task HandleAsync(PaymentSucceeded e, OutboxEnvelope envelope, CancellationToken ct)
    {
        var status = await db.Set<Order>().Where(o => o.Id == e.OrderId).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
        if (status == OrderStatus.PendingPayment)
        {
            var moved = await change.HandleAsync(e.OrderId, OrderStatus.Paid, "payment", $"paid {e.Amount:0.00} {e.Currency}", null, ct);
            if (moved.Succeeded)
                return;
            status = await db.Set<Order>().Where(o => o.Id == e.OrderId).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
        }
        if (status != OrderStatus.Cancelled)
            return;
        log.LogWarning("Order {Order} was paid after it was cancelled; refunding the payment.", e.OrderId);
        var refund = await payments.RefundAsync(e.OrderId, null, "paid after the order was cancelled", "system", ct);
        // Already refunded in full on an earlier attempt is the outcome we wanted; anything else is retried.
        if (!refund.Succeeded && refund.Problem!.Status != StatusCodes.Status409Conflict)
            throw new InvalidOperationException($"Refunding late payment of order {e.OrderId} failed: {refund.Problem.Detail}");
    }
}

/// <summary>The gateway confirmed a refund: tell the customer, and close the order when it is refunded in full.</summary>
public sealed class MarkOrderRefunded(ShopDb db, ChangeOrderStatus change, IPayments payments, IOutbox outbox)
    : IEventHandler<PaymentRefunded>
{
    public async Task HandleAsync(PaymentRefunded e, OutboxEnvelope envelope, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == e.OrderId)
            .Select(o => new { o.Number, o.CustomerId, o.Status }).SingleOrDefaultAsync(ct);
        if (order is null)
            return;
        var summary = await payments.FindForOrderAsync(e.OrderId, ct);
        var full = summary?.FullyRefunded == true;
        var refunded = new OrderRefunded(e.OrderId, order.Number, order.CustomerId, e.RefundId, e.Amount, full, e.Reason, e.RefundedAt);
        if (full && Order.CanMove(order.Status, OrderStatus.Refunded))
        {
            var moved = await change.HandleAsync(e.OrderId, OrderStatus.Refunded, e.By, e.Reason, null, ct, refunded);
            if (moved.Succeeded)
                return;
        }
        // Partial, or the order was already closed: the customer still hears about their money.
        outbox.Raise(refunded);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The carrier delivered the parcel: the order becomes Delivered (once; a repeat changes nothing).</summary>
public sealed class MarkOrderDelivered(ShopDb db, ChangeOrderStatus change) : IEventHandler<ShipmentDelivered>
{
    public async Task HandleAsync(ShipmentDelivered e, OutboxEnvelope envelope, CancellationToken ct)
    {
        var status = await db.Set<Order>().Where(o => o.Id == e.OrderId).Select(o => (OrderStatus?)o.Status).SingleOrDefaultAsync(ct);
        if (status == OrderStatus.Shipped)
            await change.HandleAsync(e.OrderId, OrderStatus.Delivered, "carrier", $"delivered, tracking {e.TrackingNumber}", null, ct);
    }
}
