using Microsoft.AspNetCore.OutputCaching;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Platform.Caching;

/// <summary>
/// ASP.NET Core's output cache kept in FusionCache's memory level: bounded with everything else in
/// it, and evicting a tag (a product changed) goes over the Redis backplane to every instance, which
/// the built-in in-memory store cannot do. Pages are not copied to Redis: they live a second or so
/// and are cheaper to render again than to fetch.
/// </summary>
internal sealed class FusionOutputCacheStore(IFusionCache cache) : IOutputCacheStore
{
    private const string Prefix = "page:";

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken ct) =>
        (await cache.TryGetAsync<byte[]>(Prefix + key, Options(TimeSpan.Zero, 0), ct)).GetValueOrDefault(null!);

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken ct) =>
        await cache.SetAsync(Prefix + key, value, Options(validFor, value.Length), tags, ct);

    public async ValueTask EvictByTagAsync(string tag, CancellationToken ct) =>
        await cache.RemoveByTagAsync(tag, token: ct);

    // A page counts against the memory bound by its size (one unit per 2 KB), not as one entry.
    private static FusionCacheEntryOptions Options(TimeSpan duration, int bytes) => new()
    {
        Duration = duration, Size = 1 + bytes / 2048, SkipDistributedCacheRead = true, SkipDistributedCacheWrite = true,
    };
}
