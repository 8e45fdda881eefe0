using Bazaar.Accounts;
using Bazaar.Platform.Audit;

namespace Bazaar.Admin;

public static class AuditEndpoints
{
    /// <summary>Read only: there is no route that edits or deletes an audit entry, and the database refuses it too.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/audit", async (string? action, string? actor, string? target, DateOnly? from, DateOnly? to, int? page,
                FindAuditEntries find, CancellationToken ct) =>
            {
                var filter = new AuditFilter(action, actor, target, from, to, page ?? 1);
                var (rows, total) = await find.HandleAsync(filter, ct);
                return Results.Ok(new { items = rows, total, page = filter.Page, pageSize = FindAuditEntries.PageSize });
            }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Admin: audit")
            .WithSummary("The audit log, newest first: who did what, when, to what, from where");
    }
}
