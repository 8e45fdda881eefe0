using System.Collections.Concurrent;

namespace Bazaar.Admin.Capacity;

/// <summary>One kind of request this instance served: how many and how long they took on average.</summary>
public sealed record ServedKind(string Name, long Count, double MeanSeconds);

/// <summary>
/// The request mix this instance has served since it started, by route: what the capacity page starts
/// from, without Prometheus. Fed by <see cref="Operations.LiveFigures"/>, which already listens to ASP.NET
/// Core's request durations, so a request is measured once for both pages.
/// </summary>
public sealed class ServedRequests(TimeProvider clock)
{
    private sealed class Tally { public long Count; public long Ticks; }

    private readonly ConcurrentDictionary<(string Method, string Route), Tally> _tallies = new();

    public DateTimeOffset Since { get; } = clock.GetUtcNow();

    public void Record(string? method, string? route, double seconds)
    {
        // Static files and unmatched paths have no route: bounded names only, never raw paths.
        var tally = _tallies.GetOrAdd((method ?? "_OTHER", route switch { null => "(no route)", "" => "/", _ => route }), _ => new Tally());
        Interlocked.Increment(ref tally.Count);
        Interlocked.Add(ref tally.Ticks, TimeSpan.FromSeconds(seconds).Ticks);
    }

    public IReadOnlyList<ServedKind> Snapshot() =>
        _tallies.Select(t => (t.Key, Count: Interlocked.Read(ref t.Value.Count), Ticks: Interlocked.Read(ref t.Value.Ticks)))
            .Where(t => t.Count > 0)
            .Select(t => new ServedKind($"{t.Key.Method} {t.Key.Route}", t.Count, TimeSpan.FromTicks(t.Ticks).TotalSeconds / t.Count))
            .OrderByDescending(k => k.Count).ToList();
}
