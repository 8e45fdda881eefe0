using Bazaar.Platform.Data;
using Bazaar.Platform.Partners;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Payments;

/// <summary>
/// Gives money back on an order's payment. The amount is held against the payment with one
/// conditional UPDATE (refunded + amount ≤ paid) before the gateway is called, so two operators
/// refunding at once can never give back more than was paid; a refusal releases it again.
/// </summary>
public sealed class RefundPayment(ShopDb db, PaymentGateway gateway, SettlePayment settle, TimeProvider clock,
    ILogger<RefundPayment> log)
{
    public async Task<Result<RefundView>> HandleAsync(Guid orderId, decimal? amount, string reason, string by, CancellationToken ct)
    {
        var errors = new FieldErrors();
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
            errors.Add("reason", "Say why the money goes back.");
        else if (reason.Length > 500)
            errors.Add("reason", "The reason can be at most 500 characters.");
        if (amount is { } a && (a <= 0 || decimal.Round(a, 2) != a || a > 100_000_000m))
            errors.Add("amount", "The amount must be positive, with at most two decimals.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var payment = await db.Set<Payment>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Succeeded, ct);
        if (payment is null)
            return Problem.Conflict("This order has no payment to refund.");
        var left = payment.Amount - payment.RefundedAmount;
        var refundAmount = amount ?? left;
        if (refundAmount <= 0)
            return Problem.Conflict("This order's payment is already refunded in full.");

        var now = clock.GetUtcNow().UtcDateTime;
        var refund = new Refund
        {
            Id = Guid.CreateVersion7(), PaymentId = payment.Id, OrderId = orderId, Amount = refundAmount, Reason = reason,
            RequestedBy = by, Status = RefundStatus.Requested, RequestedAt = now,
        };
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var held = await db.Set<Payment>().Where(p => p.Id == payment.Id && p.RefundedAmount + refundAmount <= p.Amount)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.RefundedAmount, p => p.RefundedAmount + refundAmount), ct);
            if (held == 0)
                return Problem.Conflict($"At most {left:0.00} {payment.Currency} is left to refund on this order.");
            db.Add(refund);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        GatewayRefundAnswer answer;
        try
        {
            answer = await gateway.RefundAsync(payment.GatewayPaymentId!, refund, ct);
        }
        catch (Exception e) when (PartnerClients.IsUnavailable(e) || e is PartnerRefusedException)
        {
            log.LogWarning(e, "The payment gateway did not take refund {Refund}.", refund.Id);
            await settle.RefundFailedAsync(refund, e.Message, ct);
            return new Problem(StatusCodes.Status503ServiceUnavailable, "The payment gateway is not answering.",
                "Nothing was refunded. Try again in a minute.") { RetryAfter = clock.GetUtcNow().AddSeconds(30) };
        }
        if (answer.RefundId is null)
        {
            await settle.RefundFailedAsync(refund, answer.Refusal ?? "refused", ct);
            return Problem.Conflict($"The payment gateway refused the refund: {answer.Refusal}");
        }
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await settle.RefundSucceededAsync(refund, answer.RefundId, ct);
            await tx.CommitAsync(ct);
        }
        var stored = await db.Set<Refund>().AsNoTracking().SingleAsync(r => r.Id == refund.Id, ct);
        return ShopPayments.View(stored);
    }
}
