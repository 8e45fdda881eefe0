using Bazaar.Platform.Cluster;
using Bazaar.Platform.Outbox;
using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bazaar.Platform.Telemetry;

/// <summary>
/// OpenTelemetry for the shop: metrics of ASP.NET Core (per route template, so a URL full of ids is
/// still one series), outgoing HTTP, the runtime, Npgsql, FusionCache and the shop's own meter, read
/// by Prometheus at /metrics; traces with W3C trace context to an OTLP collector when
/// <c>Telemetry:OtlpEndpoint</c> is set (off by default: an embedded shop has nowhere to send them).
/// Logs: <see cref="ShopLogging"/>.
/// </summary>
public static class TelemetryModule
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Read(builder.Configuration);
        var s = builder.Services;
        builder.AddShopLogging();
        s.AddSingleton<OutboxGauges>();
        s.AddSingleton<ReplicationLagGauge>();
        s.AddSingleton<IAuthorizationHandler>(new MetricsReaders(settings.MetricsNetworks()));
        s.AddAuthorizationBuilder().AddPolicy(MetricsReaders.Policy, p => p.AddRequirements(new MetricsReaders.Requirement()));

        var otel = s.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("bazaar", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ShopMeter.Name, "Npgsql", "ZiggyCreatures.Caching.Fusion", "ZiggyCreatures.Caching.Fusion.Memory",
                    "ZiggyCreatures.Caching.Fusion.Distributed")
                // Every scrape sees the figures of that moment; Prometheus asks every 15 s, not every 300 ms.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (settings.OtlpEndpoint is { } endpoint)
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments(MetricsPath))
                .AddHttpClientInstrumentation()
                .AddSource(ShopMeter.Name)
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        // Gauges exist once their owners do: made now, before the first scrape asks for them.
        app.Services.GetRequiredService<OutboxGauges>();
        app.Services.GetRequiredService<ReplicationLagGauge>();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(MetricsReaders.Policy);
        return app;
    }
}
