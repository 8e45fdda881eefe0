using Bazaar.Accounts;
using Bazaar.Admin.Operations;

namespace Bazaar.Admin;

/// <summary>The back office's own pages and routes (dashboard, audit); each module keeps its own admin pages.</summary>
public static class AdminModule
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ViewDashboard>();
        builder.Services.AddSingleton<Capacity.ServedRequests>();
        builder.Services.AddOperations();
        return builder;
    }

    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapAuditEndpoints();
        app.MapOperations();
        app.MapGet("/api/v1/admin/dashboard", (ViewDashboard dashboard, CancellationToken ct) => dashboard.HandleAsync(ct))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Admin: dashboard")
            .WithSummary("Today's and this week's orders and revenue (China time, Asia/Shanghai), orders waiting to ship, " +
                         "pending payments, low-stock products, revenue per day over 30 days, orders by status, top 10 products");
        return app;
    }
}
