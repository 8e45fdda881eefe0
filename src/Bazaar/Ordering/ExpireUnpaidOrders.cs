using Bazaar.Payments;
using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Ordering;

/// <summary>
/// Cancels orders still unpaid after Ordering:PaymentTimeout and gives their stock back. Runs on
/// every instance at once without harm: each cancel is a conditional update, so of two instances
/// reaching the same order only one cancels it and only that one releases its stock.
/// </summary>
public sealed class ExpireUnpaidOrders(IServiceScopeFactory scopes, JobLease lease, IOptions<OrderingOptions> options, TimeProvider clock,
    ILogger<ExpireUnpaidOrders> log) : BackgroundService
{
    public const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // One instance's pass at a time; the others skip this tick.
                await using var turn = await lease.TryTakeAsync(nameof(ExpireUnpaidOrders), stoppingToken);
                if (turn is not null)
                    await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Expiring unpaid orders failed; the next run tries again.");
            }
        }
    }

    /// <summary>One pass: returns how many orders this pass cancelled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cancelled = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            var due = await db.Set<Order>().AsNoTracking()
                .Where(o => o.Status == OrderStatus.PendingPayment && o.PaymentDueAt <= now)
                .OrderBy(o => o.PaymentDueAt).Select(o => o.Id).Take(Batch).ToListAsync(ct);
            var change = scope.ServiceProvider.GetRequiredService<ChangeOrderStatus>();
            var payments = scope.ServiceProvider.GetRequiredService<IPayments>();
            var thisBatch = 0;
            foreach (var id in due)
            {
                // A shopper who paid in the last second must not see the order cancelled and refunded:
                // ask the gateway first; a paid order is left for the PaymentSucceeded handler.
                if (await payments.ConfirmAsync(id, ct))
                    continue;
                var outcome = await change.HandleAsync(id, OrderStatus.Cancelled, "system", "payment timeout", null, ct);
                if (outcome.Succeeded)
                    thisBatch++;
            }
            cancelled += thisBatch;
            // A full batch that someone else cancelled would loop forever without this check.
            if (due.Count < Batch || thisBatch == 0)
                break;
        }
        if (cancelled > 0)
            log.LogInformation("Cancelled {Count} unpaid order(s) past their payment time.", cancelled);
        return cancelled;
    }
}
