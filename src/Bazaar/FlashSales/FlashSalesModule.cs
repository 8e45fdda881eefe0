using StackExchange.Redis;

namespace Bazaar.FlashSales;

public static class FlashSalesModule
{
    public static WebApplicationBuilder AddFlashSales(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<FlashSalesOptions>().Bind(builder.Configuration.GetSection("FlashSales"))
            .Validate(o => o.ReconcileInterval > TimeSpan.Zero && o.PendingTimeout > TimeSpan.Zero && o.KeepKeysAfterEnd > TimeSpan.Zero,
                "FlashSales times must be positive.")
            .ValidateOnStart();
        // The cache's name keeps two shops on one Redis apart, as it does for the cache's own keys.
        var prefix = (builder.Configuration["Caching:Name"] is { Length: > 0 } name ? name : "bazaar") + ":";
        // Without Redis:Configuration there is no multiplexer: every attempt is decided in the database.
        s.AddSingleton(sp => new RedisFlashStock(sp.GetService<IConnectionMultiplexer>(), prefix));
        s.AddSingleton<KnownFlashSales>();
        s.AddSingleton<OpenFlashSaleInRedis>();
        s.AddScoped<CreateFlashSale>();
        s.AddScoped<ViewFlashSales>();
        s.AddScoped<BuyFlashSale>();
        s.AddScoped<SellFlashUnit>();
        s.AddScoped<ReconcileFlashStock>();
        s.AddScoped<CloseFlashSale>();
        s.AddScoped<EndFlashSale>();
        s.AddSingleton<ReconcileFlashSales>();
        s.AddHostedService(sp => sp.GetRequiredService<ReconcileFlashSales>());
        return builder;
    }

    public static WebApplication MapFlashSales(this WebApplication app)
    {
        app.MapFlashSaleEndpoints();
        return app;
    }
}
