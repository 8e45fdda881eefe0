using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Bazaar.Platform.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments;

/// <summary>
/// Asks the gateway about payments still pending after Payments:ReconcileAfter, so a notification
/// lost on the way never leaves a paid order unpaid. The answer is signed like a notification and
/// checked the same way. Safe on every instance at once: settling is a conditional update.
/// </summary>
public sealed class ReconcilePendingPayments(IServiceScopeFactory scopes, JobLease lease, IOptions<PaymentsOptions> options, TimeProvider clock,
    ILogger<ReconcilePendingPayments> log) : BackgroundService
{
    public const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // One instance's pass at a time; the others skip this tick.
                await using var turn = await lease.TryTakeAsync(nameof(ReconcilePendingPayments), stoppingToken);
                if (turn is not null)
                    await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reconciling pending payments failed; the next run tries again.");
            }
        }
    }

    /// <summary>One pass over the pending payments that are due; returns how many it settled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var startedBefore = now - options.Value.ReconcileAfter;
        var givenUpBefore = now - options.Value.ReconcileFor;
        var due = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Pending && p.CreatedAt <= startedBefore && p.CreatedAt > givenUpBefore
                        && (p.LastCheckedAt == null || p.LastCheckedAt <= startedBefore))
            .OrderBy(p => p.CreatedAt).Take(Batch).ToListAsync(ct);
        var query = scope.ServiceProvider.GetRequiredService<QueryPayment>();
        var settled = 0;
        foreach (var payment in due)
        {
            try
            {
                if (await query.HandleAsync(payment, ct))
                    settled++;
            }
            catch (Exception e) when (PartnerClients.IsUnavailable(e))
            {
                log.LogWarning("The payment gateway is unavailable; reconciliation stops until the next run.");
                break;
            }
        }
        if (settled > 0)
            log.LogInformation("Reconciliation settled {Count} payment(s) whose notification had not arrived.", settled);
        return settled;
    }
}

/// <summary>The "query payment" call, applied: the gateway's signed word on one payment.</summary>
public sealed class QueryPayment(ShopDb db, PaymentGateway gateway, GatewaySignature signature, SettlePayment settle,
    TimeProvider clock, ILogger<QueryPayment> log)
{
    /// <summary>Returns whether the payment was settled by this answer.</summary>
    public async Task<bool> HandleAsync(Payment payment, CancellationToken ct)
    {
        var answer = await gateway.QueryAsync(payment.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Payment>().Where(p => p.Id == payment.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.LastCheckedAt, now), ct);
        if (answer is null)
            return false;
        var fields = answer.WithSignature();
        if (!signature.Verifies(fields))
        {
            log.LogWarning("The gateway's answer about payment {Payment} is not signed by the gateway; ignored.", payment.Id);
            return false;
        }
        if (fields.GetValueOrDefault("out_trade_no") != payment.Id.ToString("N")
            || fields.GetValueOrDefault("currency") != payment.Currency
            || !AcceptPaymentNotification.SameMoney(fields.GetValueOrDefault("total_amount"), payment.Amount))
        {
            log.LogWarning("The gateway's answer about payment {Payment} does not match it; ignored.", payment.Id);
            return false;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settled = fields.GetValueOrDefault("trade_status") switch
        {
            "TRADE_SUCCESS" => await settle.SucceededAsync(payment, PaidAt(fields.GetValueOrDefault("gmt_payment"), now),
                fields.GetValueOrDefault("payment_id"), ct),
            "TRADE_FAILED" => await settle.FailedAsync(payment, ct),
            _ => false,
        };
        await tx.CommitAsync(ct);
        return settled;
    }

    private static DateTime PaidAt(string? text, DateTime fallback) =>
        DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : fallback;
}
