using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bazaar.Platform.Data;
using Bazaar.Platform.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Outbox;

/// <summary>
/// bazaar.outbox.backlog (events not delivered yet) and bazaar.outbox.oldest_age (seconds since the
/// oldest of them happened): a dispatcher that stopped shows as an age that keeps growing, long
/// before a customer asks where their confirmation is. Read from the database when scraped, at most
/// once per <see cref="Freshness"/>, so several scrapers cost one query.
/// </summary>
public sealed class OutboxGauges : IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    // On the shop's one static meter: a process runs one shop (tests run several, and see them all).
    private static readonly ConcurrentDictionary<OutboxGauges, byte> Shops = new();

    static OutboxGauges()
    {
        ShopMeter.Meter.CreateObservableGauge("bazaar.outbox.backlog",
            () => Shops.Keys.Select(s => s.Read()).OfType<(long Backlog, double OldestAge)>().Select(r => new Measurement<long>(r.Backlog)),
            "{event}", "Outbox events not delivered yet");
        ShopMeter.Meter.CreateObservableGauge("bazaar.outbox.oldest_age",
            () => Shops.Keys.Select(s => s.Read()).OfType<(long Backlog, double OldestAge)>().Select(r => new Measurement<double>(r.OldestAge)),
            "s", "Age of the oldest outbox event not delivered yet (0 when none waits)");
    }

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxGauges> _log;
    private readonly Lock _gate = new();
    private long _readAt;
    private (long Backlog, double OldestAge)? _last;

    public OutboxGauges(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxGauges> log)
    {
        _scopes = scopes;
        _clock = clock;
        _log = log;
        Shops.TryAdd(this, 0);
    }

    public void Dispose() => Shops.TryRemove(this, out _);

    /// <summary>The backlog and oldest age as of at most 2 s ago; null when the database does not answer.</summary>
    internal (long Backlog, double OldestAge)? Read()
    {
        lock (_gate)
        {
            if (_readAt != 0 && Stopwatch.GetElapsedTime(_readAt) < Freshness)
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
