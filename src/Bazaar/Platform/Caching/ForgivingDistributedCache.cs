using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Bazaar.Platform.Caching;

/// <summary>
/// Redis is the cache's second level, never a dependency a request can fail on. A Redis error is
/// logged and treated as a miss (reads) or skipped (writes), and for a few seconds afterwards Redis
/// is not asked at all, so a dead Redis costs one timeout, not one per request. /readyz still
/// reports it, so the operator knows.
/// </summary>
internal sealed class ForgivingDistributedCache(IDistributedCache inner, TimeProvider clock,
    ILogger<ForgivingDistributedCache> log) : IDistributedCache
{
    private static readonly TimeSpan PauseAfterFailure = TimeSpan.FromSeconds(5);
    private long _pausedUntilTicks;

    public byte[]? Get(string key) => Guard(() => inner.Get(key), null);
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { inner.Set(key, value, options); return true; }, false);
    public void Refresh(string key) => Guard(() => { inner.Refresh(key); return true; }, false);
    public void Remove(string key) => Guard(() => { inner.Remove(key); return true; }, false);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => GuardAsync(() => inner.GetAsync(key, token), null);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.SetAsync(key, value, options, token); return true; }, false);

    public Task RefreshAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RefreshAsync(key, token); return true; }, false);

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        GuardAsync(async () => { await inner.RemoveAsync(key, token); return true; }, false);

    private bool Paused => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _pausedUntilTicks);

    private T Guard<T>(Func<T> call, T fallback)
    {
        if (Paused)
            return fallback;
        try { return call(); }
        catch (Exception e) when (IsRedisFailure(e)) { Pause(e); return fallback; }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> call, T fallback)
    {
        if (Paused)
            return fallback;
        try { return await call(); }
        catch (Exception e) when (IsRedisFailure(e)) { Pause(e); return fallback; }
    }

    private void Pause(Exception e)
    {
        Interlocked.Exchange(ref _pausedUntilTicks, (clock.GetUtcNow() + PauseAfterFailure).UtcTicks);
        log.LogWarning("Redis cache unavailable ({Error}); serving from memory and the database for {Seconds} s.",
            e.Message.Split('\n')[0], PauseAfterFailure.TotalSeconds);
    }

    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException;
}
