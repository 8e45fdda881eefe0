using System.Globalization;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin.Operations;

/// <summary>
/// The operations page's figures: the last hour of every instance's samples, read from the shared
/// database, added up into the last minute, a chart point per minute, each instance's health and the
/// shop's own checks; and Prometheus's alerts when there is a Prometheus to ask.
/// </summary>
public sealed class ViewOperations(ShopDb db, ReadPrometheusAlerts prometheus, TimeProvider clock, IStringLocalizer<BackOfficeText> t)
{
    public const int Minutes = 60;

    public async Task<OperationsView> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - RecordOperationsSamples.Kept;
        var samples = await db.Set<OperationsSample>().AsNoTracking()
            .Where(s => s.At > since).OrderBy(s => s.At).ToListAsync(ct);
        var lastMinute = samples.Where(s => s.At > now.AddMinutes(-1)).ToList();

        var instances = samples.GroupBy(s => s.Instance).Select(g =>
        {
            var last = g.Last();
            var silent = Math.Max(0, (now - last.At).TotalSeconds);
            var recent = SampleSums.Of(g.Where(s => s.At > now.AddMinutes(-1)));
            return new InstanceHealth(g.Key, last.StartedAt, last.At, silent, silent <= ShopChecks.DownAfter.TotalSeconds, last.Ready, last.Unready,
                recent.PerSecond(recent.Requests), recent.P99Ms, recent.ErrorRatio);
        }).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();

        var figures = Figures(lastMinute, instances);
        var alerts = ShopChecks.Evaluate(samples, instances, figures, now, t);
        return new OperationsView(now, figures, instances, LastHour(samples, now), alerts, await prometheus.HandleAsync(ct));
    }

    /// <summary>Rates add up per instance (each over the seconds it covered); the gauges are the live instances' latest.</summary>
    private static OperationsFigures Figures(List<OperationsSample> lastMinute, List<InstanceHealth> instances)
    {
        var all = SampleSums.Of(lastMinute);
        var perInstance = lastMinute.GroupBy(s => s.Instance).Select(SampleSums.Of).ToList();
        var latest = lastMinute.GroupBy(s => s.Instance)
            .Where(g => instances.Any(i => i.Up && i.Name == g.Key)).Select(g => g.Last()).ToList();
        return new OperationsFigures(
            perInstance.Sum(s => s.PerSecond(s.Requests)), all.P50Ms, all.P99Ms, all.ErrorRatio,
            perInstance.Sum(s => s.PerSecond(s.Orders)) * 60, all.CacheHitRatio,
            latest.Max(s => s.OutboxBacklog), latest.Max(s => s.OutboxOldestSeconds), latest.Max(s => s.ReplicationLagSeconds));
    }

    /// <summary>One point per minute of the last hour, every instance together; a minute without samples is a gap of zeros.</summary>
    private static List<OperationsMinute> LastHour(List<OperationsSample> samples, DateTime now)
    {
        var thisMinute = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
        var first = thisMinute.AddMinutes(-(Minutes - 1));
        var byMinute = samples.Where(s => s.At >= first).ToLookup(s => (int)((s.At - first).Ticks / TimeSpan.TicksPerMinute));
        return Enumerable.Range(0, Minutes).Select(m =>
        {
            var start = first.AddMinutes(m);
            var sums = SampleSums.Of(byMinute[m]);
            // The minute under way has only lasted this long.
            var seconds = Math.Clamp((now - start).TotalSeconds, 1, 60);
            return new OperationsMinute(start, ChinaTime.Of(start).ToString("HH:mm", CultureInfo.InvariantCulture),
                sums.Requests / seconds, sums.P50Ms, sums.P99Ms, sums.ErrorRatio, sums.Orders * 60 / seconds);
        }).ToList();
    }
}
