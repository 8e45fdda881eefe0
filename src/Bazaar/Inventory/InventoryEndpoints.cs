using Bazaar.Accounts;
using Bazaar.Platform.Web;

namespace Bazaar.Inventory;

public sealed record AdjustStockRequest(int? Change, string? Reason);

public sealed record LowStockThresholdRequest(int? Threshold);

public static class InventoryEndpoints
{
    public static void MapInventoryEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/products/{id:int}/stock").WithTags("Admin: stock")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/", async (int id, int? page, IInventory inventory, CancellationToken ct) =>
            await inventory.GetAsync(id, ct) is { } stock
                ? Results.Ok(new { stock, movements = await inventory.MovementsAsync(id, page ?? 1, ct) })
                : Problem.NotFound("Stock of this product").ToHttpResult())
            .WithSummary("On hand, reserved, and every movement (reservations, sales, releases, returns, adjustments), newest first");

        admin.MapPost("/adjustments", async (int id, AdjustStockRequest r, IInventory inventory, CancellationToken ct) =>
        {
            if (r.Change is null)
                return Problem.Invalid(new FieldErrors().Add("change", "Say by how many units on-hand changes (+20, -3).")).ToHttpResult();
            var outcome = await inventory.AdjustAsync(id, r.Change.Value, r.Reason, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).WithSummary("Change on-hand stock by a number of units, with a reason");

        admin.MapPut("/threshold", async (int id, LowStockThresholdRequest r, IInventory inventory, CancellationToken ct) =>
        {
            if (r.Threshold is null)
                return Problem.Invalid(new FieldErrors().Add("threshold", "Say at how many available units this product is low on stock.")).ToHttpResult();
            var outcome = await inventory.SetLowStockThresholdAsync(id, r.Threshold.Value, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).WithSummary("Set the product's low-stock threshold: at or below this many available units it shows on the dashboard");
    }
}
