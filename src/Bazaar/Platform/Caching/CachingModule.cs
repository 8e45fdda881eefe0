using Microsoft.Extensions.Caching.Distributed;
using StackExchange.Redis;

namespace Bazaar.Platform.Caching;

public static class CachingModule
{
    /// <summary>
    /// HybridCache in memory; with Redis:Configuration set, Redis becomes its shared second level
    /// and the connection is available to health checks and other shared-state users.
    /// </summary>
    public static WebApplicationBuilder AddCaching(this WebApplicationBuilder builder)
    {
        var redis = builder.Configuration["Redis:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var options = ConfigurationOptions.Parse(redis);
            options.AbortOnConnectFail = false; // start even if Redis is down; readiness reports it
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            builder.Services.AddStackExchangeRedisCache(o => o.InstanceName = "bazaar:");
            DecorateWithForgiveness(builder.Services);
            // One multiplexer for the whole process: the cache shares the one health checks use.
            builder.Services.AddOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>()
                .Configure<IConnectionMultiplexer>((o, mux) => o.ConnectionMultiplexerFactory = () => Task.FromResult(mux));
        }
        builder.Services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = 4 * 1024 * 1024;
            o.DefaultEntryOptions = new() { Expiration = TimeSpan.FromMinutes(10), LocalCacheExpiration = TimeSpan.FromMinutes(1) };
        });
        return builder;
    }

    private static void DecorateWithForgiveness(IServiceCollection services)
    {
        var redis = services.Last(d => d.ServiceType == typeof(IDistributedCache));
        services.Remove(redis);
        services.AddSingleton<IDistributedCache>(sp => new ForgivingDistributedCache(
            redis.ImplementationInstance as IDistributedCache
                ?? (IDistributedCache?)redis.ImplementationFactory?.Invoke(sp)
                ?? (IDistributedCache)ActivatorUtilities.CreateInstance(sp, redis.ImplementationType!),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ForgivingDistributedCache>>()));
    }
}
