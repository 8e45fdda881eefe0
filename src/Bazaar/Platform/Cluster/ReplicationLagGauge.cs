using System.Diagnostics.Metrics;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// bazaar.replication.lag: how many seconds the hot standby trails the primary, as the last check of
/// <see cref="StandbyReads"/> found it (every 2 s; no query of its own). No value without a standby
/// (the embedded mode) nor while the standby does not answer or was promoted: an alert on a missing
/// value would fire in every shop without one, and /readyz already reports a standby that is gone.
/// </summary>
public sealed class ReplicationLagGauge
{
    public ReplicationLagGauge(IMeterFactory meters, StandbyReads? standby = null)
    {
        if (standby is null)
            return;
        meters.Create(Telemetry.ShopMeter.Name).CreateObservableGauge<double>("bazaar.replication.lag",
            () => standby.LagSeconds is { } lag ? [new Measurement<double>(lag)] : Array.Empty<Measurement<double>>(),
            "s", "Seconds the hot standby trails the primary");
    }
}
