namespace Bazaar.Admin.Operations;

/// <summary>Samples added together: rates over the seconds they cover, percentiles over their merged buckets.</summary>
public sealed class SampleSums
{
    public double Seconds { get; private set; }
    public long Requests { get; private set; }
    public long Errors { get; private set; }
    public long Orders { get; private set; }
    public long PaymentsSucceeded { get; private set; }
    public long PaymentsFailed { get; private set; }
    public long CacheHits { get; private set; }
    public long CacheMisses { get; private set; }
    public long[] Latency { get; } = new long[LatencyBuckets.Count];

    public static SampleSums Of(IEnumerable<OperationsSample> samples)
    {
        var sums = new SampleSums();
        foreach (var s in samples)
            sums.Add(s);
        return sums;
    }

    public void Add(OperationsSample s)
    {
        Seconds += s.Seconds;
        Requests += s.Requests;
        Errors += s.Errors;
        Orders += s.Orders;
        PaymentsSucceeded += s.PaymentsSucceeded;
        PaymentsFailed += s.PaymentsFailed;
        CacheHits += s.CacheHits;
        CacheMisses += s.CacheMisses;
        LatencyBuckets.AddTo(Latency, s.Latency);
    }

    public double PerSecond(long count) => Seconds > 0 ? count / Seconds : 0;
    public double? ErrorRatio => Requests > 0 ? (double)Errors / Requests : null;
    public double? CacheHitRatio => CacheHits + CacheMisses > 0 ? (double)CacheHits / (CacheHits + CacheMisses) : null;
    public double? P50Ms => LatencyBuckets.Percentile(Latency, 0.50);
    public double? P99Ms => LatencyBuckets.Percentile(Latency, 0.99);
}
