using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.FlashSales;

/// <summary>What one pass did: sales closed, and units given back in Redis by buyers who never reached the database.</summary>
public sealed record FlashSalesPass(int Closed, int GivenBack);

/// <summary>
/// Every FlashSales:ReconcileInterval, on every instance: closes the sales whose time is up (their
/// unsold units go back to ordinary stock), then makes Redis agree with the database for every sale
/// that is live, starts before the next pass, or closed in the last few minutes. Running on all instances at once does no harm:
/// closing is a conditional UPDATE and reconciling recomputes from the database atomically.
/// </summary>
public sealed class ReconcileFlashSales(IServiceScopeFactory scopes, RedisFlashStock stock, IOptions<FlashSalesOptions> options,
    TimeProvider clock, ILogger<ReconcileFlashSales> log) : BackgroundService
{
    /// <summary>
    /// A sale closed this recently is still reconciled: a buyer that took a unit in Redis just before the end
    /// and whose instance then died is given back by a later pass.
    /// </summary>
    public static readonly TimeSpan WatchAfterClose = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Reconciling flash sales failed; the next run tries again.");
            }
        }
    }

    public async Task<FlashSalesPass> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<FlashSale>().AsNoTracking().Where(s => s.ClosedAt == null && s.EndsAt <= now)
            .OrderBy(s => s.EndsAt).Select(s => s.Id).Take(100).ToListAsync(ct);
        var close = scope.ServiceProvider.GetRequiredService<CloseFlashSale>();
        var closed = 0;
        foreach (var id in due)
            if (await close.HandleAsync(id, ct))
                closed++;
        if (closed > 0)
            log.LogInformation("Closed {Count} flash sale(s); their unsold units are back in ordinary stock.", closed);
        return new FlashSalesPass(closed, stock.IsAvailable ? await ReconcileRedisAsync(scope.ServiceProvider, db, now, ct) : 0);
    }

    private async Task<int> ReconcileRedisAsync(IServiceProvider services, ShopDb db, DateTime now, CancellationToken ct)
    {
        var since = now - WatchAfterClose;
        // A sale starting before the next pass is opened now, so its first crowd finds it ready in Redis.
        var soon = now + options.Value.ReconcileInterval;
        var watched = await db.Set<FlashSale>().AsNoTracking()
            .Where(s => s.StartsAt <= soon && (s.ClosedAt == null || s.ClosedAt > since)).ToListAsync(ct);
        var reconcile = services.GetRequiredService<ReconcileFlashStock>();
        var givenBack = 0;
        foreach (var sale in watched)
        {
            try
            {
                givenBack += await reconcile.ReconcileAsync(sale, ct);
            }
            catch (Exception e) when (RedisFlashStock.IsOutage(e))
            {
                log.LogWarning("Redis did not answer while reconciling flash sales ({Error}); the next run tries again.", e.Message);
                break;
            }
        }
        if (givenBack > 0)
            log.LogWarning("Gave back {Count} flash-sale unit(s) taken in Redis by buyers whose order never reached the database.", givenBack);
        return givenBack;
    }
}
