using Bazaar.Accounts;
using Bazaar.Ordering;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Partners;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Notifications;

public static class NotificationsModule
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddPartnerClient<SmsGateway>("sms");
        s.AddScoped<SendCustomerText>();
        s.AddScoped<NotifyCustomers>();
        s.AddScoped<IEventHandler<OrderPlaced>>(sp => sp.GetRequiredService<NotifyCustomers>());
        s.AddScoped<IEventHandler<OrderStatusChanged>>(sp => sp.GetRequiredService<NotifyCustomers>());
        s.AddScoped<IEventHandler<OrderShipped>>(sp => sp.GetRequiredService<NotifyCustomers>());
        s.AddScoped<IEventHandler<OrderRefunded>>(sp => sp.GetRequiredService<NotifyCustomers>());
        return builder;
    }

    public static WebApplication MapNotifications(this WebApplication app)
    {
        app.MapGet("/api/v1/admin/notifications", async (Guid? orderId, int? page, ShopDb db, CancellationToken ct) =>
        {
            var query = db.Set<CustomerNotification>().AsNoTracking();
            if (orderId is { } id)
                query = query.Where(n => n.OrderId == id);
            var p = Math.Clamp(page ?? 1, 1, 10_000);
            var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((p - 1) * 50).Take(50)
                .Select(n => new { n.Id, n.Kind, n.OrderId, n.To, n.Text, status = n.Status.ToString(), n.Attempts, n.CreatedAt, n.SentAt })
                .ToListAsync(ct);
            return Results.Ok(new { items = rows, page = p });
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Admin: notifications")
          .WithSummary("Texts sent to customers about their orders, newest first (50 a page)");
        return app;
    }
}
