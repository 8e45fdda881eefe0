namespace Bazaar.Admin.Capacity;

/// <summary>
/// An M/M/c queue: requests arrive at random (Poisson) at <paramref name="ArrivalsPerSecond"/>, each
/// needs an exponentially distributed <paramref name="ServiceSeconds"/> of one of <paramref name="Servers"/>
/// servers (CPU cores across the shop's instances). The usual first model of a web tier: it says how
/// waiting grows as the servers fill, which is what a p99 target is about.
/// </summary>
public sealed record QueueModel(double ArrivalsPerSecond, double ServiceSeconds, int Servers)
{
    /// <summary>Offered load in Erlangs: how many servers the work would keep busy on average.</summary>
    public double OfferedLoad => ArrivalsPerSecond * ServiceSeconds;

    /// <summary>Share of the servers' time spent serving, ρ = λ / (c μ).</summary>
    public double Utilisation => OfferedLoad / Servers;

    /// <summary>Below 1 the queue settles; at or above it, it grows without bound.</summary>
    public bool Stable => Servers > 0 && ServiceSeconds > 0 && ArrivalsPerSecond >= 0 && Utilisation < 1;

    /// <summary>
    /// Erlang C: the probability that a request finds every server busy and waits. Computed through
    /// the Erlang B recurrence, which stays accurate for hundreds of servers where the textbook sum
    /// of factorials overflows.
    /// </summary>
    public double ProbabilityOfWaiting
    {
        get
        {
            if (!Stable)
                return 1;
            var a = OfferedLoad;
            var blocking = 1.0;
            for (var k = 1; k <= Servers; k++)
                blocking = a * blocking / (k + a * blocking);
            return blocking / (1 - Utilisation * (1 - blocking));
        }
    }

    /// <summary>Rate at which a waiting request's wait ends: c μ − λ.</summary>
    private double DrainRate => Servers / ServiceSeconds - ArrivalsPerSecond;

    public double MeanWaitSeconds => Stable ? ProbabilityOfWaiting / DrainRate : double.PositiveInfinity;

    public double MeanResponseSeconds => MeanWaitSeconds + ServiceSeconds;

    /// <summary>
    /// P(response time > t): the wait is 0 with probability 1 − C and exponential with rate cμ − λ
    /// otherwise; the service that follows is exponential with rate μ.
    /// </summary>
    public double ProbabilityResponseLongerThan(double seconds) => ProbabilityWaitThenServiceLongerThan(seconds, ServiceSeconds);

    /// <summary>
    /// P(wait + service > t) for a request whose own service takes <paramref name="serviceSeconds"/> on
    /// average while the queue's waits are those of this queue: how a mix of light and heavy requests
    /// sharing the same servers is judged kind by kind.
    /// </summary>
    public double ProbabilityWaitThenServiceLongerThan(double seconds, double serviceSeconds)
    {
        if (!Stable)
            return 1;
        if (seconds <= 0)
            return 1;
        var mu = 1 / serviceSeconds;
        var theta = DrainRate;
        var waits = ProbabilityOfWaiting;
        var serviceOnly = Math.Exp(-mu * seconds);
        // The sum of two exponentials (wait, then service); equal rates make it an Erlang-2.
        var waitThenService = Math.Abs(mu - theta) < 1e-9 * mu
            ? (1 + mu * seconds) * Math.Exp(-mu * seconds)
            : (mu * Math.Exp(-theta * seconds) - theta * Math.Exp(-mu * seconds)) / (mu - theta);
        return (1 - waits) * serviceOnly + waits * waitThenService;
    }

    /// <summary>The response time that <paramref name="percentile"/> (e.g. 0.99) of requests stay under.</summary>
    public double ResponsePercentileSeconds(double percentile)
    {
        if (percentile is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(percentile), "A percentile lies between 0 and 1, e.g. 0.99.");
        if (!Stable)
            return double.PositiveInfinity;
        return Percentile(percentile, ServiceSeconds, ProbabilityResponseLongerThan);
    }

    /// <summary>Solves P(T > t) = 1 − percentile for t by bisection; the tail falls as t grows.</summary>
    internal static double Percentile(double percentile, double scaleSeconds, Func<double, double> longerThan)
    {
        var tail = 1 - percentile;
        double low = 0, high = scaleSeconds;
        while (longerThan(high) > tail && high < 1e9)
            high *= 2;
        for (var i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            var mid = (low + high) / 2;
            if (longerThan(mid) > tail) low = mid; else high = mid;
        }
        return high;
    }
}
