namespace Bazaar.Admin.Capacity;

/// <summary>What the model predicts for one number of instances at the target rate.</summary>
public sealed record InstancesPrediction(
    int Instances, int Servers, double Utilisation, double PercentileSeconds, double MeanResponseSeconds,
    double MaxRequestsPerSecond, bool MeetsTarget);

/// <summary>
/// How many shop instances a measured request mix needs: the instances' cores are the servers of an
/// M/M/c queue whose waits every request shares, and each kind of request then takes its own
/// service time, so a slow search weighs on the tail more than its share of requests would say.
/// The database is a single primary: its cores do not grow with the instances, so it is reported as
/// its own limit rather than folded in.
/// </summary>
public sealed record CapacityPlan(
    RequestMix Mix, double RequestsPerSecond, double Percentile, double TargetSeconds,
    int CoresPerInstance, int DatabaseCores = 0)
{
    public const int MostInstancesConsidered = 1_000;

    public InstancesPrediction Predict(int instances)
    {
        if (instances < 1)
            throw new ArgumentOutOfRangeException(nameof(instances), "At least one instance.");
        var servers = instances * CoresPerInstance;
        var queue = new QueueModel(RequestsPerSecond, Mix.MeanServiceSeconds, servers);
        var tail = PercentileSeconds(queue);
        return new InstancesPrediction(instances, servers, queue.Utilisation, tail,
            queue.Stable ? queue.MeanWaitSeconds + Mix.MeanServiceSeconds : double.PositiveInfinity,
            MaxRequestsPerSecond(servers), tail <= TargetSeconds);
    }

    /// <summary>The fewest instances that keep the percentile within the target at the target rate, or null past 1,000.</summary>
    public int? InstancesNeeded()
    {
        var fewest = Math.Max(1, (int)Math.Ceiling(RequestsPerSecond * Mix.MeanServiceSeconds / CoresPerInstance));
        for (var n = fewest; n <= MostInstancesConsidered; n++)
            if (Predict(n).MeetsTarget)
                return n;
        return null;
    }

    /// <summary>Share of the database primary's cores the target rate keeps busy; null when its demand is unknown.</summary>
    public double? DatabaseUtilisation =>
        DatabaseCores > 0 && Mix.MeanDatabaseSeconds > 0 ? RequestsPerSecond * Mix.MeanDatabaseSeconds / DatabaseCores : null;

    /// <summary>Requests per second the primary can serve at all, whatever the number of instances.</summary>
    public double? DatabaseCeiling =>
        DatabaseCores > 0 && Mix.MeanDatabaseSeconds > 0 ? DatabaseCores / Mix.MeanDatabaseSeconds : null;

    private double PercentileSeconds(QueueModel queue)
    {
        if (!queue.Stable)
            return double.PositiveInfinity;
        return QueueModel.Percentile(Percentile, Mix.Kinds.Max(k => k.ServiceSeconds), t =>
            Mix.Kinds.Sum(k => k.Share * queue.ProbabilityWaitThenServiceLongerThan(t, k.ServiceSeconds)));
    }

    /// <summary>Headroom: the highest rate at which the mix's percentile still meets the target on these servers.</summary>
    private double MaxRequestsPerSecond(int servers)
    {
        double low = 0, high = servers / Mix.MeanServiceSeconds;
        if (PercentileSeconds(new QueueModel(0, Mix.MeanServiceSeconds, servers)) > TargetSeconds)
            return 0;
        for (var i = 0; i < 100 && high - low > 1e-6 * high; i++)
        {
            var mid = (low + high) / 2;
            if (PercentileSeconds(new QueueModel(mid, Mix.MeanServiceSeconds, servers)) <= TargetSeconds) low = mid; else high = mid;
        }
        return low;
    }
}
