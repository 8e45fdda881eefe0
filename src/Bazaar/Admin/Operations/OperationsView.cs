namespace Bazaar.Admin.Operations;

/// <summary>What GET /api/v1/admin/operations answers and the operations page shows.</summary>
public sealed record OperationsView(
    DateTime GeneratedAt,
    OperationsFigures Now,
    IReadOnlyList<InstanceHealth> Instances,
    IReadOnlyList<OperationsMinute> LastHour,
    IReadOnlyList<OperationsAlert> Alerts,
    PrometheusAlerts Prometheus);

/// <summary>The last minute over every live instance; null where there is nothing to divide by.</summary>
public sealed record OperationsFigures(double RequestsPerSecond, double? P50Ms, double? P99Ms, double? ErrorRatio, double OrdersPerMinute,
    double? CacheHitRatio, long? OutboxBacklog, double? OutboxOldestSeconds, double? ReplicationLagSeconds);

/// <summary>
/// One instance as its samples tell it. Up: it wrote a sample within the last 15 s. Ready: its last
/// readiness checks passed (Unready names those that did not, degraded ones included).
/// </summary>
public sealed record InstanceHealth(string Name, DateTime StartedAt, DateTime LastSeen, double SilentSeconds, bool Up, bool Ready,
    string? Unready, double RequestsPerSecond, double? P99Ms, double? ErrorRatio);

/// <summary>One minute of the last hour, every instance together; Label is the minute in China time.</summary>
public sealed record OperationsMinute(DateTime At, string Label, double RequestsPerSecond, double? P50Ms, double? P99Ms, double? ErrorRatio,
    double OrdersPerMinute);

/// <summary>A firing check: its name (as in deploy/prometheus/rules.yml), what it says, and the instance when it is about one.</summary>
public sealed record OperationsAlert(string Name, string Text, string? Instance);

/// <summary>Prometheus's firing alerts when Telemetry:PrometheusUrl is set; Note says why there are none to show.</summary>
public sealed record PrometheusAlerts(bool Configured, IReadOnlyList<OperationsAlert> Firing, string? Note);
