using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Bazaar.Admin.Capacity;

/// <summary>One kind of request this instance served: how many and how long they took on average.</summary>
public sealed record ServedKind(string Name, long Count, double MeanSeconds);

/// <summary>
/// The request mix this instance has served since it started, by route, from ASP.NET Core's own
/// request-duration measurements: what the capacity page starts from, without Prometheus. Listens
/// only to this app's meters (its IMeterFactory), so shops hosted side by side in one process (the
/// tests) do not count each other's requests.
/// </summary>
public sealed class ServedRequests : IDisposable
{
    private sealed class Tally { public long Count; public double Seconds; }

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Method, string Route), Tally> _tallies = new();

    public DateTimeOffset Since { get; }

    public ServedRequests(IMeterFactory meters, TimeProvider clock)
    {
        Since = clock.GetUtcNow();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters)
                && instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>(Record);
        _listener.Start();
    }

    private void Record(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? method = null, route = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "http.route") route = tag.Value as string;
            else if (tag.Key == "http.request.method") method = tag.Value as string;
        }
        // Static files and unmatched paths have no route: bounded names only, never raw paths.
        var tally = _tallies.GetOrAdd((method ?? "_OTHER", route switch { null => "(no route)", "" => "/", _ => route }), _ => new Tally());
        lock (tally)
        {
            tally.Count++;
            tally.Seconds += seconds;
        }
    }

    public IReadOnlyList<ServedKind> Snapshot() =>
        _tallies.Select(t =>
            {
                lock (t.Value)
                    return new ServedKind($"{t.Key.Method} {t.Key.Route}", t.Value.Count, t.Value.Seconds / Math.Max(1, t.Value.Count));
            })
            .Where(k => k.Count > 0).OrderByDescending(k => k.Count).ToList();

    public void Dispose() => _listener.Dispose();
}
