using System.Globalization;
using System.Text;

namespace Bazaar.Admin.Capacity;

/// <summary>The capacity plan, the reliability figures and the design document's worked example, as text for `bazaar capacity`.</summary>
public static class CapacityReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Instance counts worth a row: from one up to a few past what is needed.</summary>
    public static IEnumerable<int> RowsFor(int? needed) => Enumerable.Range(1, needed is { } n ? Math.Min(n + 2, CapacityPlan.MostInstancesConsidered) : 10);

    public static string Text(CapacityPlan plan, ReliabilityModel reliability, string? source)
    {
        var w = new StringBuilder();
        void Line(FormattableString s = default!) => w.AppendLine(s is null ? "" : s.ToString(Invariant));

        Line($"Request mix (service time: CPU milliseconds one request holds a core{(source is null ? "" : $", measured in {source}")}):");
        Line($"  {"kind",-16} {"share",7} {"shop ms",9} {"database ms",12}");
        foreach (var kind in plan.Mix.Kinds)
            Line($"  {kind.Name,-16} {kind.Share * 100,6:0.0}% {kind.ServiceSeconds * 1000,9:0.000} {kind.DatabaseSeconds * 1000,12:0.000}");
        Line($"  {"mean",-16} {"",7} {plan.Mix.MeanServiceSeconds * 1000,9:0.000} {plan.Mix.MeanDatabaseSeconds * 1000,12:0.000}");
        Line();
        Line($"Target: {plan.RequestsPerSecond:#,0} requests/s with p99 within {plan.TargetSeconds * 1000:#,0.#} ms; {plan.CoresPerInstance} cores per instance (M/M/c, one server per core).");
        Line($"  {"instances",9} {"cores",6} {"utilisation",12} {"p99 ms",10} {"mean ms",10} {"most requests/s within p99",27}");
        var needed = plan.InstancesNeeded();
        foreach (var n in RowsFor(needed))
        {
            var p = plan.Predict(n);
            Line($"  {n,9} {p.Servers,6} {Percent(p.Utilisation),12} {Ms(p.PercentileSeconds),10} {Ms(p.MeanResponseSeconds),10} {p.MaxRequestsPerSecond,27:#,0}");
        }
        Line(needed is { } k
            ? (FormattableString)$"Needed: {k} instance{(k == 1 ? "" : "s")} for {plan.RequestsPerSecond:#,0} requests/s; {k + 1} to keep the target with one instance down."
            : $"Needed: more than {CapacityPlan.MostInstancesConsidered} instances: the target p99 is below what a single request of the mix takes.");
        if (plan.DatabaseUtilisation is { } db && plan.DatabaseCeiling is { } ceiling)
            Line((FormattableString)$"Database primary ({plan.DatabaseCores} cores): {Percent(db)} busy at the target; it serves at most {ceiling:#,0} requests/s of this mix whatever the number of instances{(db >= 1 ? ": THE TARGET IS BEYOND IT (more instances will not help; see docs/deployment.md, scale-out)" : "")}.");
        Line();

        Line($"Reliability of one instance: MTBF {reliability.MtbfSeconds / 86_400:0.##} days, MTTR {reliability.MttrSeconds:0.##} s.");
        Line($"  availability of one instance: {reliability.Availability * 100:0.######}%");
        Line($"  probability of at least one failure of an instance within a day: {reliability.ProbabilityOfFailureWithin(86_400) * 100:0.##}%, within 30 days: {reliability.ProbabilityOfFailureWithin(30 * 86_400) * 100:0.##}%");
        var need = Math.Max(1, needed ?? 1);
        foreach (var n in new[] { need, need + 1, need + 2 })
            Line($"  {n} instances, {need} needed for the load: availability {reliability.AvailabilityOf(n, need) * 100:0.##########}%");
        Line();
        w.Append(WorkedExample());
        return w.ToString();
    }

    /// <summary>The design document's example, recomputed, with what its failure figure really is.</summary>
    public static string WorkedExample()
    {
        var load = LoadModel.WorkedExample;
        var (low, high) = load.Band;
        const double lambda = 0.01, day = 86_400;
        var logistic = ReliabilityModel.LogisticFailure(lambda, day);
        var w = new StringBuilder();
        w.AppendLine("The design document's worked example, recomputed:");
        w.AppendLine(string.Create(Invariant,
            $"  load L(t) = f(t) + ε(t), f = Σ weight × volume = {string.Join(" + ", load.Classes.Select(c => $"{c.Volume:#,0} × {c.Weight:0.#} s"))} = {load.Expected:#,0} (ε within ±{load.Noise:0%}: {low:#,0} to {high:#,0}) at t = 86,400 s: {load.Utilisation(1, day):0.000} of one server over the day."));
        w.AppendLine(string.Create(Invariant,
            $"  failure P(F) = 1 / (1 + e^(−λt)) with λ = {lambda}, t = 86,400 s: λt = {lambda * day:0}, e^(−864) ≈ 10^(−375), so P(F) = {logistic:0.000000}, not the document's 0.45 (the formula also gives 0.5 at t = 0, before anything has run)."));
        w.AppendLine(string.Create(Invariant,
            $"  the exponential model 1 − e^(−t/MTBF) with the same λ (MTBF = {1 / lambda:0} s) gives {1 - Math.Exp(-lambda * day):0.000000} too; a 0.45 chance of a failure within a day needs MTBF = {day / ReliabilityModel.PeriodsForProbability(0.45) / 86_400:0.00} days."));
        return w.ToString();
    }

    private static string Percent(double x) => double.IsFinite(x) ? (x * 100).ToString("0.0", Invariant) + "%" : "∞";

    private static string Ms(double seconds) => double.IsFinite(seconds) ? (seconds * 1000).ToString("#,0.00", Invariant) : "∞ (overloaded)";
}
