using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Bazaar.Platform.Health;
using Bazaar.Platform.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Admin.Operations;

/// <summary>
/// Every 5 s, writes this instance's figures of the interval to the database the
/// instances share, so the operations page of any instance shows every instance. One row per
/// instance per interval: 720 an hour each. Rows older than <see cref="Kept"/> are deleted by whoever
/// comes by (an idempotent DELETE), so an instance that is gone for good leaves nothing behind.
/// </summary>
public sealed class RecordOperationsSamples(IServiceScopeFactory scopes, LiveFigures figures, OutboxGauges outbox, InstanceName instance,
    IConfiguration config, TimeProvider clock, ILogger<RecordOperationsSamples> log) : BackgroundService
{
    /// <summary>Every 5 s; <c>Operations:SampleInterval</c> only for tests, which record by hand.</summary>
    public TimeSpan Interval { get; } = config.GetValue("Operations:SampleInterval", TimeSpan.FromSeconds(5));
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);

    private DateTimeOffset _last = clock.GetUtcNow();
    private DateTimeOffset _prunedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecordOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The interval's counts are lost, not the instance: the page shows a gap, then this instance as down.
                log.LogWarning(e, "Could not record the operations sample; the next interval tries again.");
            }
        }
    }

    /// <summary>Takes this interval's counts and writes them as one sample; returns it.</summary>
    public async Task<OperationsSample> RecordOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var counts = figures.Take();
        var seconds = Math.Max(0.001, (now - _last).TotalSeconds);
        _last = now;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var health = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Tags.Contains(HealthModule.Ready), ct);
        var waiting = outbox.Read();
        var sample = new OperationsSample
        {
            Instance = instance.Name,
            StartedAt = instance.StartedAt.UtcDateTime,
            At = now.UtcDateTime,
            Seconds = seconds,
            Requests = counts.Requests,
            Errors = counts.Errors,
            Latency = LatencyBuckets.Format(counts.Latency),
            Orders = counts.Orders,
            PaymentsSucceeded = counts.PaymentsSucceeded,
            PaymentsFailed = counts.PaymentsFailed,
            CacheHits = counts.CacheHits,
            CacheMisses = counts.CacheMisses,
            OutboxBacklog = waiting?.Backlog,
            OutboxOldestSeconds = waiting?.OldestAge,
            ReplicationLagSeconds = services.GetService<StandbyReads>()?.LagSeconds,
            // Degraded serves (the load balancer keeps it), so it is ready; the page still names the check.
            Ready = health.Status != HealthStatus.Unhealthy,
            Unready = Truncate(string.Join(", ", health.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
                .Select(e => $"{e.Key}: {e.Value.Status}")), 500),
        };
        var db = services.GetRequiredService<ShopDb>();
        db.Add(sample);
        await db.SaveChangesAsync(ct);
        if (now - _prunedAt >= TimeSpan.FromMinutes(1))
        {
            _prunedAt = now;
            var before = (now - Kept).UtcDateTime;
            await db.Set<OperationsSample>().Where(s => s.At < before).ExecuteDeleteAsync(ct);
        }
        return sample;
    }

    private static string? Truncate(string text, int length) => text.Length == 0 ? null : text.Length <= length ? text : text[..length];
}
