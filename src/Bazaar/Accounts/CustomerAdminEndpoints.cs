using System.Security.Claims;
using Bazaar.Platform.Web;

namespace Bazaar.Accounts;

public sealed record LockRequest(string? Reason);

public static class CustomerAdminEndpoints
{
    public static void MapCustomerAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/customers").WithTags("Admin: customers").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/", async (string? q, int? page, FindCustomers find, CancellationToken ct) =>
        {
            var (rows, total) = await find.HandleAsync(q, page ?? 1, ct);
            return Results.Ok(new { items = rows, total, page = page ?? 1, pageSize = FindCustomers.PageSize });
        }).WithSummary("Accounts by user name; q is part of a user name, a phone number, or its last digits");

        admin.MapGet("/{id:guid}", async (Guid id, FindCustomers find, CancellationToken ct) =>
            await find.FindAsync(id, ct) is { } row ? Results.Ok(row) : Problem.NotFound("Account").ToHttpResult())
            .WithSummary("One account");

        admin.MapPost("/{id:guid}/lock", (Guid id, LockRequest? r, ClaimsPrincipal user, LockCustomer lockCustomer, FindCustomers find,
            CancellationToken ct) => ChangeAsync(id, true, r?.Reason, user, lockCustomer, find, ct))
            .WithSummary("Lock an account: it cannot sign in until unlocked");

        admin.MapPost("/{id:guid}/unlock", (Guid id, LockRequest? r, ClaimsPrincipal user, LockCustomer lockCustomer, FindCustomers find,
            CancellationToken ct) => ChangeAsync(id, false, r?.Reason, user, lockCustomer, find, ct))
            .WithSummary("Unlock an account and forget its failed sign-ins");
    }

    private static async Task<IResult> ChangeAsync(Guid id, bool locked, string? reason, ClaimsPrincipal user, LockCustomer lockCustomer,
        FindCustomers find, CancellationToken ct)
    {
        var outcome = await lockCustomer.HandleAsync(id, locked, reason, user.UserId(), ct);
        return outcome.Succeeded ? Results.Ok(await find.FindAsync(id, ct)) : outcome.Problem!.ToHttpResult();
    }
}
