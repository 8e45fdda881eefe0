using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Bazaar.Platform.Caching;

public static class CachingModule
{
    /// <summary>
    /// FusionCache: a size-bounded memory cache in every instance (L1); with Redis:Configuration set,
    /// Redis as the shared second level (L2) and as the backplane that tells every other instance
    /// to drop its L1 copy of what one instance changed, so a change is seen everywhere within a
    /// second. Redis failing or slow never fails a request: FusionCache treats an L2 error as a miss,
    /// stops asking for a while (circuit breaker) and replays what it missed when Redis is back.
    /// </summary>
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var settings = config.GetSection("Caching").Get<CacheSettings>() ?? new CacheSettings();
        var redis = config["Redis:Configuration"];

        var cache = builder.Services.AddFusionCache()
            .WithOptions(o =>
            {
                o.CacheKeyPrefix = settings.Name + ":";
                o.BackplaneChannelPrefix = settings.Name;
                o.DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.BackplaneCircuitBreakerDuration = TimeSpan.FromSeconds(5);
                o.EnableAutoRecovery = true;
                // Redis going away is an operator's concern (reported on /readyz), not an error per request.
                o.DistributedCacheErrorsLogLevel = LogLevel.Warning;
                o.BackplaneErrorsLogLevel = LogLevel.Warning;
                o.DistributedCacheSyntheticTimeoutsLogLevel = LogLevel.Debug;
            })
            .WithDefaultEntryOptions(new FusionCacheEntryOptions
            {
                Duration = settings.Duration,
                // Every entry counts one against the L1 bound; MemoryCache compacts the least recently used first.
                Size = 1,
                // A slow Redis costs at most this long per read: the value comes from the database instead.
                DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(100),
                DistributedCacheHardTimeout = TimeSpan.FromSeconds(1),
                AllowBackgroundDistributedCacheOperations = true,
                AllowBackgroundBackplaneOperations = true,
                IsFailSafeEnabled = true,
                FailSafeMaxDuration = TimeSpan.FromHours(1),
                FailSafeThrottleDuration = TimeSpan.FromSeconds(10),
                FactorySoftTimeout = TimeSpan.FromSeconds(2),
            })
            .WithMemoryCache(new MemoryCache(new MemoryCacheOptions
            {
                SizeLimit = settings.MemoryEntries,
                CompactionPercentage = 0.1,
            }))
            // Fields included: FusionCache keeps some of its own data in value tuples.
            .WithSerializer(new FusionCacheSystemTextJsonSerializer(new System.Text.Json.JsonSerializerOptions { IncludeFields = true }));

        if (!string.IsNullOrWhiteSpace(redis))
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even if Redis is down; readiness reports it
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddStackExchangeRedisCache(_ => { });
            // One multiplexer for the whole process: cache, backplane and health checks share it.
            builder.Services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
                .Configure<IConnectionMultiplexer>((o, mux) => o.ConnectionMultiplexerFactory = () => Task.FromResult(mux));
            cache.WithRegisteredDistributedCache()
                .WithBackplane(sp => new RedisBackplane(new RedisBackplaneOptions
                {
                    ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
                }));
        }
        builder.Services.AddCatalogPageCache(config);
        builder.Services.AddResponseCompression(o =>
        {
            // Over HTTPS too (BREACH): the only secrets in our pages are anti-forgery tokens, which
            // are encrypted with a fresh IV on every response, so their compressed length leaks nothing.
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(
            o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(
            o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }
}

/// <summary>The <c>Caching</c> section of the configuration.</summary>
public sealed class CacheSettings
{
    /// <summary>Prefix of every key and of the backplane channel: instances of one shop share it, two shops on one Redis must not.</summary>
    public string Name { get; set; } = "bazaar";

    /// <summary>How many entries each instance keeps in memory before the least recently used go.</summary>
    public long MemoryEntries { get; set; } = 50_000;

    /// <summary>How long an entry lives when nothing changes it (a change removes it at once everywhere).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(10);
}
