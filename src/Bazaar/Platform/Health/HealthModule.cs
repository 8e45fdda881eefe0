using System.Text.Json;
using Bazaar.Platform.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Platform.Health;

public static class HealthModule
{
    /// <summary>The tag of the checks /readyz runs; modules add their own (the cache warm-up).</summary>
    public const string Ready = "ready";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<ShopDb>("database", tags: [Ready],
                customTestQuery: async (db, ct) => await db.Database.CanConnectAsync(ct));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Redis:Configuration"]))
            // Degraded, not unhealthy: without Redis the shop serves from memory and the database, and a
            // load balancer pulling every instance because the cache is down would be the real outage.
            checks.AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: [Ready], timeout: TimeSpan.FromSeconds(3));
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Standby")))
            // Degraded even when it times out: a hung standby must not take every instance out of service.
            checks.AddCheck<ReplicationLagCheck>("replication", failureStatus: HealthStatus.Degraded, tags: [Ready], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>/healthz: the process lives. /readyz: it can serve (database, and Redis when configured).</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = WriteJson,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous().DisableHttpMetrics();
        return app;
    }

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
                error = e.Value.Exception?.Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
