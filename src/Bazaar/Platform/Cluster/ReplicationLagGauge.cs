using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bazaar.Platform.Telemetry;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// bazaar.replication.lag: how many seconds the hot standby trails the primary, as the last check of
/// <see cref="StandbyReads"/> found it (every 2 s; no query of its own). No value without a standby
/// (the embedded mode) nor while the standby does not answer or was promoted: an alert on a missing
/// value would fire in every shop without one, and /readyz already reports a standby that is gone.
/// </summary>
public sealed class ReplicationLagGauge : IDisposable
{
    // On the shop's one static meter: a process runs one shop (tests run several, and see them all).
    private static readonly ConcurrentDictionary<StandbyReads, byte> Standbys = new();

    static ReplicationLagGauge() =>
        ShopMeter.Meter.CreateObservableGauge("bazaar.replication.lag",
            () => Standbys.Keys.Select(s => s.LagSeconds).OfType<double>().Select(lag => new Measurement<double>(lag)),
            "s", "Seconds the hot standby trails the primary");

    private readonly StandbyReads? _standby;

    public ReplicationLagGauge(StandbyReads? standby = null)
    {
        _standby = standby;
        if (standby is not null)
            Standbys.TryAdd(standby, 0);
    }

    public void Dispose()
    {
        if (_standby is not null)
            Standbys.TryRemove(_standby, out _);
    }
}
