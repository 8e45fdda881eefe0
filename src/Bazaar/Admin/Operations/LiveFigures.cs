using System.Diagnostics.Metrics;
using Bazaar.Platform.Telemetry;

namespace Bazaar.Admin.Operations;

/// <summary>The counts of one interval, taken by <see cref="LiveFigures.Take"/>.</summary>
public sealed record IntervalCounts(long Requests, long Errors, long[] Latency, long Orders, long PaymentsSucceeded,
    long PaymentsFailed, long CacheHits, long CacheMisses);

/// <summary>
/// Counts what this instance does, from the measurements its metrics already make: requests, 5xx
/// and latency from ASP.NET Core's request duration (this app's IMeterFactory only, so shops hosted
/// side by side in the tests do not count each other's requests), orders and payments from the
/// shop's meter, cache hits and misses from FusionCache's. A request costs two Interlocked adds and
/// no lock. The shop's meter and FusionCache's are static, one per process: several shops in one
/// process (the tests) each see all of their orders and cache hits; a real process runs one shop.
/// </summary>
public sealed class LiveFigures : IDisposable
{
    private const string FusionCacheMeter = "ZiggyCreatures.Caching.Fusion";

    private readonly MeterListener _listener = new();
    private readonly Capacity.ServedRequests _served;
    private readonly long[] _latency = new long[LatencyBuckets.Count];
    private long _requests, _errors, _orders, _paymentsSucceeded, _paymentsFailed, _cacheHits, _cacheMisses;

    public LiveFigures(IMeterFactory meters, Capacity.ServedRequests served)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            var meter = instrument.Meter;
            var wanted = meter.Name switch
            {
                "Microsoft.AspNetCore.Hosting" => ReferenceEquals(meter.Scope, meters) && instrument.Name == "http.server.request.duration",
                ShopMeter.Name => instrument.Name is "bazaar.orders.placed" or "bazaar.payments",
                FusionCacheMeter => instrument.Name is "fusioncache.cache.hit" or "fusioncache.cache.miss",
                _ => false,
            };
            if (wanted)
                listener.EnableMeasurementEvents(instrument);
        };
        _served = served;
        _listener.SetMeasurementEventCallback<double>(OnRequest);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => OnCount(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => OnCount(i, v, tags));
        _listener.Start();
    }

    private void OnRequest(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _latency[LatencyBuckets.IndexOf(seconds * 1000)]);
        string? method = null, route = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "http.response.status_code" && tag.Value is int status && status >= 500)
                Interlocked.Increment(ref _errors);
            else if (tag.Key == "http.route") route = tag.Value as string;
            else if (tag.Key == "http.request.method") method = tag.Value as string;
        }
        _served.Record(method, route, seconds);
    }

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (instrument.Name)
        {
            case "bazaar.orders.placed": Interlocked.Add(ref _orders, value); break;
            case "fusioncache.cache.hit": Interlocked.Add(ref _cacheHits, value); break;
            case "fusioncache.cache.miss": Interlocked.Add(ref _cacheMisses, value); break;
            case "bazaar.payments":
                foreach (var tag in tags)
                {
                    if (tag.Key != "outcome") continue;
                    if (tag.Value as string == "failed") Interlocked.Add(ref _paymentsFailed, value);
                    else Interlocked.Add(ref _paymentsSucceeded, value);
                }
                break;
        }
    }

    /// <summary>The counts since the last call, and zero again for the next interval.</summary>
    public IntervalCounts Take()
    {
        var latency = new long[_latency.Length];
        for (var i = 0; i < latency.Length; i++)
            latency[i] = Interlocked.Exchange(ref _latency[i], 0);
        return new IntervalCounts(Interlocked.Exchange(ref _requests, 0), Interlocked.Exchange(ref _errors, 0), latency,
            Interlocked.Exchange(ref _orders, 0), Interlocked.Exchange(ref _paymentsSucceeded, 0), Interlocked.Exchange(ref _paymentsFailed, 0),
            Interlocked.Exchange(ref _cacheHits, 0), Interlocked.Exchange(ref _cacheMisses, 0));
    }

    public void Dispose() => _listener.Dispose();
}
