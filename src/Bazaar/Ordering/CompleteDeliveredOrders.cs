using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Ordering;

/// <summary>
/// Completes orders delivered more than Ordering:AutoCompleteAfter ago: the window for a complaint
/// has closed. Safe on every instance at once: each move is a conditional update.
/// </summary>
public sealed class CompleteDeliveredOrders(IServiceScopeFactory scopes, JobLease lease, IOptions<OrderingOptions> options, TimeProvider clock,
    ILogger<CompleteDeliveredOrders> log) : BackgroundService
{
    public const int Batch = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CompletionInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // One instance's pass at a time; the others skip this tick.
                await using var turn = await lease.TryTakeAsync(nameof(CompleteDeliveredOrders), stoppingToken);
                if (turn is not null)
                    await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Completing delivered orders failed; the next run tries again.");
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var completed = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var before = clock.GetUtcNow().UtcDateTime - options.Value.AutoCompleteAfter;
            var due = await db.Set<Order>().AsNoTracking()
                .Where(o => o.Status == OrderStatus.Delivered && o.DeliveredAt <= before)
                .OrderBy(o => o.DeliveredAt).Select(o => o.Id).Take(Batch).ToListAsync(ct);
            var change = scope.ServiceProvider.GetRequiredService<ChangeOrderStatus>();
            var thisBatch = 0;
            foreach (var id in due)
                if ((await change.HandleAsync(id, OrderStatus.Completed, "system", "delivered and no complaint", null, ct)).Succeeded)
                    thisBatch++;
            completed += thisBatch;
            if (due.Count < Batch || thisBatch == 0)
                break;
        }
        if (completed > 0)
            log.LogInformation("Completed {Count} delivered order(s).", completed);
        return completed;
    }
}
