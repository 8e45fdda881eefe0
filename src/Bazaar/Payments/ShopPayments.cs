using Bazaar.Platform.Data;
using Bazaar.Platform.Partners;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Payments;

internal sealed class ShopPayments(ShopDb db, StartPayment start, QueryPayment query, RefundPayment refund,
    ILogger<ShopPayments> log) : IPayments
{
    public Task<Result<StartedPayment>> StartAsync(PaymentRequest request, Uri returnUrl, CancellationToken ct) =>
        start.HandleAsync(request, returnUrl, ct);

    public async Task<bool> ConfirmAsync(Guid orderId, CancellationToken ct)
    {
        var attempts = await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync(ct);
        if (attempts.Any(p => p.Status == PaymentStatus.Succeeded))
            return true;
        foreach (var payment in attempts.Where(p => p.Status == PaymentStatus.Pending))
        {
            try
            {
                await query.HandleAsync(payment, ct);
            }
            catch (Exception e) when (PartnerClients.IsUnavailable(e))
            {
                // The notification or the reconciliation job will settle it; the shopper sees "confirming".
                log.LogInformation("Could not ask the gateway about payment {Payment} yet.", payment.Id);
                break;
            }
        }
        return await db.Set<Payment>().AnyAsync(p => p.OrderId == orderId && p.Status == PaymentStatus.Succeeded, ct);
    }

    public async Task<PaymentSummary?> FindForOrderAsync(Guid orderId, CancellationToken ct)
    {
        var attempts = await db.Set<Payment>().AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync(ct);
        if (attempts.Count == 0)
            return null;
        attempts = attempts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
        var refunds = (await db.Set<Refund>().AsNoTracking().Where(r => r.OrderId == orderId).ToListAsync(ct))
            .OrderBy(r => r.RequestedAt).ThenBy(r => r.Id).Select(View).ToList();
        var current = attempts.FirstOrDefault(p => p.Status == PaymentStatus.Succeeded) ?? attempts[^1];
        return new PaymentSummary(current.Status.ToString(), Money(current.Amount),
            Money(refunds.Where(r => r.Status == nameof(RefundStatus.Succeeded)).Sum(r => r.Amount)), current.PaidAt,
            attempts.Select(p => new PaymentAttemptView(p.Id, p.Status.ToString(), Money(p.Amount), p.Currency, p.CreatedAt, p.PaidAt)).ToList(),
            refunds);
    }

    public Task<Result<RefundView>> RefundAsync(Guid orderId, decimal? amount, string reason, string by, CancellationToken ct) =>
        refund.HandleAsync(orderId, amount, reason, by, ct);

    public static RefundView View(Refund r) =>
        new(r.Id, Money(r.Amount), r.Reason, r.Status.ToString(), r.RequestedBy, r.RequestedAt, r.CompletedAt);

    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    public async Task<PendingPayments> SumPendingAsync(CancellationToken ct)
    {
        // One row, one round trip; SQLite sums its text-stored money exactly through EF's ef_sum.
        var pending = await db.Set<Payment>().AsNoTracking().Where(p => p.Status == PaymentStatus.Pending)
            .GroupBy(p => 1).Select(g => new { Count = g.Count(), Amount = g.Sum(p => p.Amount) }).SingleOrDefaultAsync(ct);
        return pending is null ? new PendingPayments(0, 0.00m) : new PendingPayments(pending.Count, Money(pending.Amount));
    }
}
