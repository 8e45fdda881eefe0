using System.Globalization;

namespace Bazaar.Admin.Operations;

/// <summary>
/// Fixed latency buckets, the same bounds for every instance so their counts add up. Percentiles are
/// read the way Prometheus's histogram_quantile reads them: linearly within the bucket they fall in.
/// </summary>
public static class LatencyBuckets
{
    /// <summary>Upper bounds in milliseconds; one more bucket after the last takes everything slower.</summary>
    public static readonly double[] UpperMs = [5, 10, 25, 50, 75, 100, 150, 250, 500, 750, 1000, 2500, 5000, 10000];

    public static int Count => UpperMs.Length + 1;

    public static int IndexOf(double ms)
    {
        var i = Array.BinarySearch(UpperMs, ms);
        return i >= 0 ? i : ~i;
    }

    /// <summary>The q-quantile in milliseconds, or null without any request. The open bucket answers its lower bound.</summary>
    public static double? Percentile(IReadOnlyList<long> counts, double q)
    {
        var total = counts.Sum();
        if (total == 0)
            return null;
        var rank = q * total;
        long below = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] > 0 && below + counts[i] >= rank)
            {
                if (i >= UpperMs.Length)
                    return UpperMs[^1];
                var lower = i == 0 ? 0 : UpperMs[i - 1];
                return lower + (UpperMs[i] - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return UpperMs[^1];
    }

    public static string Format(IEnumerable<long> counts) => string.Join(',', counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Adds a stored row's counts to a running sum; a row from a shop with other bounds is skipped, not misread.</summary>
    public static void AddTo(long[] sum, string stored)
    {
        var parts = stored.Split(',');
        if (parts.Length != sum.Length)
            return;
        for (var i = 0; i < parts.Length; i++)
            if (long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                sum[i] += c;
    }
}
