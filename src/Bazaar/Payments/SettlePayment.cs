using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Payments;

/// <summary>
/// Records what the gateway said about a payment or a refund, whichever door it came through (a
/// notification, a query answer, the refund call's own answer). Each move is a conditional UPDATE,
/// so the first report wins, every later one changes nothing, and the event is raised exactly once,
/// in the caller's transaction.
/// </summary>
public sealed class SettlePayment(ShopDb db, IOutbox outbox, TimeProvider clock)
{
    // Counted when the status moves, whichever door the news came through, so a repeated notification counts once.
    private static readonly System.Diagnostics.Metrics.Counter<long> Payments =
        Platform.Telemetry.ShopMeter.Meter.CreateCounter<long>("bazaar.payments", "{payment}", "Payments settled, by outcome");

    /// <summary>Succeeded wins over Pending and over an earlier Failed (the money is real); returns whether it moved.</summary>
    public async Task<bool> SucceededAsync(Payment payment, DateTime paidAt, string? gatewayPaymentId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.Set<Payment>().Where(p => p.Id == payment.Id && p.Status != PaymentStatus.Succeeded)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PaymentStatus.Succeeded).SetProperty(p => p.PaidAt, paidAt)
                .SetProperty(p => p.UpdatedAt, now)
                .SetProperty(p => p.GatewayPaymentId, p => p.GatewayPaymentId ?? gatewayPaymentId), ct) == 1;
        if (moved)
        {
            outbox.Raise(new PaymentSucceeded(payment.Id, payment.OrderId, payment.Amount, payment.Currency, paidAt));
            await db.SaveChangesAsync(ct);
            Payments.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
        }
        return moved;
    }

    /// <summary>Only a pending payment can fail: a late "failed" after "succeeded" changes nothing.</summary>
    public async Task<bool> FailedAsync(Payment payment, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await db.Set<Payment>().Where(p => p.Id == payment.Id && p.Status == PaymentStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PaymentStatus.Failed).SetProperty(p => p.UpdatedAt, now), ct) == 1;
        if (moved)
        {
            outbox.Raise(new PaymentFailed(payment.Id, payment.OrderId, now));
            await db.SaveChangesAsync(ct);
            Payments.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
        }
        return moved;
    }

    /// <summary>
    /// A refund we gave up on (the call timed out) can still be confirmed by the gateway later: the
    /// money did go back, so it counts again against the payment.
    /// </summary>
    public async Task<bool> RefundSucceededAsync(Refund refund, string? gatewayRefundId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var moved = await Complete(RefundStatus.Requested) == 1;
        if (!moved && await Complete(RefundStatus.Failed) == 1)
        {
            var amount = refund.Amount;
            await db.Set<Payment>().Where(p => p.Id == refund.PaymentId)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount + amount), ct);
            moved = true;
        }
        if (moved)
        {
            outbox.Raise(new PaymentRefunded(refund.Id, refund.PaymentId, refund.OrderId, refund.Amount, refund.Reason,
                refund.RequestedBy, now));
            await db.SaveChangesAsync(ct);
        }
        return moved;

        Task<int> Complete(RefundStatus from) => db.Set<Refund>().Where(r => r.Id == refund.Id && r.Status == from)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Succeeded).SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.LastError, (string?)null)
                .SetProperty(r => r.GatewayRefundId, r => r.GatewayRefundId ?? gatewayRefundId), ct);
    }

    /// <summary>The gateway refused: the refund fails and its amount is refundable again.</summary>
    public async Task<bool> RefundFailedAsync(Refund refund, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var amount = refund.Amount;
        var moved = await db.Set<Refund>().Where(r => r.Id == refund.Id && r.Status == RefundStatus.Requested)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Failed).SetProperty(r => r.CompletedAt, now)
                .SetProperty(r => r.LastError, error.Length > 1000 ? error[..1000] : error), ct) == 1;
        if (moved)
            await db.Set<Payment>().Where(p => p.Id == refund.PaymentId && p.RefundedAmount >= amount)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount - amount), ct);
        return moved;
    }
}
