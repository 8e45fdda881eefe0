using Bazaar.Accounts;

namespace Bazaar.Admin.Operations;

/// <summary>The operations page's wiring: the listener, the sample writer and GET /api/v1/admin/operations.</summary>
public static class OperationsModule
{
    public static IServiceCollection AddOperations(this IServiceCollection s)
    {
        s.AddSingleton<InstanceName>();
        s.AddSingleton<LiveFigures>();
        s.AddSingleton<RecordOperationsSamples>();
        s.AddHostedService(sp => sp.GetRequiredService<RecordOperationsSamples>());
        s.AddScoped<ViewOperations>();
        s.AddHttpClient<ReadPrometheusAlerts>();
        return s;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // Listening from the start: the first sample counts the requests since the instance began.
        app.Services.GetRequiredService<LiveFigures>();
        app.MapGet("/api/v1/admin/operations", (ViewOperations operations, CancellationToken ct) => operations.HandleAsync(ct))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Admin: operations")
            .WithSummary("Every instance's last minute and last hour from their 5-second samples: requests per second, p50/p99, " +
                         "5xx ratio, orders per minute, cache hit ratio, outbox, replication lag, health, and the alerts firing");
        return app;
    }
}
