namespace Bazaar.Admin.Capacity;

/// <summary>
/// Failure and recovery figures of one part (a shop instance): mean time between failures and mean
/// time to recover, both in seconds. MTTR comes from the chaos runs (deploy/chaos.sh): a killed
/// instance is out of nginx's rotation within its fail_timeout, a failed-over primary takes ~2.3 s.
/// </summary>
public sealed record ReliabilityModel(double MtbfSeconds, double MttrSeconds)
{
    /// <summary>Share of time the part is up: MTBF / (MTBF + MTTR).</summary>
    public double Availability => MtbfSeconds / (MtbfSeconds + MttrSeconds);

    /// <summary>Probability of at least one failure within <paramref name="seconds"/>, failures arriving at random: 1 − e^(−t/MTBF).</summary>
    public double ProbabilityOfFailureWithin(double seconds) => 1 - Math.Exp(-seconds / MtbfSeconds);

    /// <summary>
    /// Availability of <paramref name="instances"/> redundant parts of which at least
    /// <paramref name="needed"/> must be up to carry the load (k-out-of-n, failures independent):
    /// the sum over i ≥ k of C(n, i) A^i (1 − A)^(n − i). With k = 1 it is 1 − (1 − A)^n.
    /// </summary>
    public double AvailabilityOf(int instances, int needed = 1)
    {
        if (instances < 1 || needed < 1 || needed > instances)
            throw new ArgumentOutOfRangeException(nameof(needed), "Between 1 and the number of instances must be needed.");
        var a = Availability;
        var total = 0.0;
        for (var up = needed; up <= instances; up++)
            total += Binomial(instances, up) * Math.Pow(a, up) * Math.Pow(1 - a, instances - up);
        return Math.Min(1, total);
    }

    /// <summary>
    /// The design document's failure formula, P(F) = 1 / (1 + e^(−λt)), λ = 1/T. Kept to show beside
    /// the exponential model: it is 0.5 at t = 0 (a coin toss before anything has run) and, with the
    /// document's own λ = 0.01 and t = 86,400 s, e^(−864) ≈ 10^(−375), so it gives 1, not the 0.45 the
    /// document states.
    /// </summary>
    public static double LogisticFailure(double lambda, double seconds) => 1 / (1 + Math.Exp(-lambda * seconds));

    /// <summary>What t / MTBF gives probability <paramref name="p"/> of a failure in the exponential model: −ln(1 − p).</summary>
    public static double PeriodsForProbability(double p) => -Math.Log(1 - p);

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
            result = result * (n - k + i) / i;
        return result;
    }
}
