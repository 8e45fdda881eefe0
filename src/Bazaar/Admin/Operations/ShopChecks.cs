using Microsoft.Extensions.Localization;

namespace Bazaar.Admin.Operations;

/// <summary>
/// The alerts of deploy/prometheus/rules.yml, worked out from the instances' samples so the page has
/// them without Prometheus. Ratios are over the rule's window ("over the last 5 minutes") rather
/// than held for its `for` duration: a sample every 5 s has no scrape misses to ride out.
/// </summary>
public static class ShopChecks
{
    /// <summary>Silent for this long: down (three missed samples).</summary>
    public static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Silent for this long: gone, no longer alerting. Without a list of the instances there should be,
    /// an instance stopped on purpose looks like one that died; ten minutes is long enough to be seen.
    /// </summary>
    public static readonly TimeSpan ForgottenAfter = TimeSpan.FromMinutes(10);

    public const double MaxErrorRatio = 0.01;
    public const double MaxP99Ms = 500;
    public const double MaxOutboxOldestSeconds = 60;
    public const double MaxReplicationLagSeconds = 10;
    public const double MaxPaymentFailureRatio = 0.2;
    public const int FewestFailedPayments = 5;

    public static IReadOnlyList<OperationsAlert> Evaluate(IReadOnlyList<OperationsSample> samples, IReadOnlyList<InstanceHealth> instances,
        OperationsFigures now, DateTime at, IStringLocalizer<BackOfficeText> t)
    {
        var alerts = new List<OperationsAlert>();
        foreach (var down in instances.Where(i => !i.Up && i.SilentSeconds < ForgottenAfter.TotalSeconds))
            alerts.Add(new("BazaarInstanceDown", t["Instance {0} has sent nothing for {1} s.", down.Name, Math.Round(down.SilentSeconds)], down.Name));

        var fiveMinutes = SampleSums.Of(samples.Where(s => s.At > at.AddMinutes(-5)));
        if (fiveMinutes.ErrorRatio is > MaxErrorRatio and var ratio)
            alerts.Add(new("BazaarHighErrorRatio", t["{0} of requests answered 5xx over the last 5 minutes (more than 1%).", ratio.ToString("P1")], null));
        if (fiveMinutes.P99Ms is > MaxP99Ms and var p99)
            alerts.Add(new("BazaarSlowRequests", t["p99 latency {0} ms over the last 5 minutes (more than 500 ms).", Math.Round(p99)], null));

        var tenMinutes = SampleSums.Of(samples.Where(s => s.At > at.AddMinutes(-10)));
        var payments = tenMinutes.PaymentsFailed + tenMinutes.PaymentsSucceeded;
        if (tenMinutes.PaymentsFailed >= FewestFailedPayments && (double)tenMinutes.PaymentsFailed / payments > MaxPaymentFailureRatio)
            alerts.Add(new("BazaarPaymentFailuresSpiking",
                t["{0} of {1} payments failed in the last 10 minutes (more than 20%).", tenMinutes.PaymentsFailed, payments], null));

        if (now.OutboxOldestSeconds is > MaxOutboxOldestSeconds and var oldest)
            alerts.Add(new("BazaarOutboxStuck", t["An outbox event has waited {0} s (more than a minute).", Math.Round(oldest)], null));
        if (now.ReplicationLagSeconds is > MaxReplicationLagSeconds and var lag)
            alerts.Add(new("BazaarReplicationLagging", t["The hot standby trails the primary by {0} s (more than 10 s).", Math.Round(lag, 1)], null));
        return alerts;
    }
}
