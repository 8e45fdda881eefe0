using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Outbox;

/// <summary>
/// bazaar.outbox.backlog (events not delivered yet) and bazaar.outbox.oldest_age (seconds since the
/// oldest of them happened): a dispatcher that stopped shows as an age that keeps growing, long
/// before a customer asks where their confirmation is. Read from the database when scraped, at most
/// once per <see cref="Freshness"/>, so several scrapers cost one query.
/// </summary>
public sealed class OutboxGauges
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxGauges> _log;
    private readonly Lock _gate = new();
    private long _readAt = long.MinValue;
    private (long Backlog, double OldestAge)? _last;

    public OutboxGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxGauges> log)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        var meter = meters.Create(Telemetry.ShopMeter.Name);
        meter.CreateObservableGauge<long>("bazaar.outbox.backlog", () => Read() is { } r ? [new Measurement<long>(r.Backlog)] : Array.Empty<Measurement<long>>(),
            "{event}", "Outbox events not delivered yet");
        meter.CreateObservableGauge<double>("bazaar.outbox.oldest_age", () => Read() is { } r ? [new Measurement<double>(r.OldestAge)] : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest outbox event not delivered yet (0 when none waits)");
    }

    private (long Backlog, double OldestAge)? Read()
    {
        lock (_gate)
        {
            if (Stopwatch.GetElapsedTime(_readAt) < Freshness)
                return _last;
            _readAt = Stopwatch.GetTimestamp();
            try
            {
                using var scope = _scopes.CreateScope();
                var waiting = scope.ServiceProvider.GetRequiredService<ShopDb>().Set<OutboxMessage>().AsNoTracking()
                    .Where(m => m.ProcessedAt == null);
                var backlog = waiting.LongCount();
                var oldest = backlog == 0 ? (DateTime?)null : waiting.Min(m => (DateTime?)m.OccurredAt);
                var age = oldest is { } at ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - at).TotalSeconds) : 0;
                _last = (backlog, age);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The database being away is the readiness check's to report; the gauge just has no value.
                _log.LogDebug(e, "Could not read the outbox backlog.");
                _last = null;
            }
            return _last;
        }
    }
}
