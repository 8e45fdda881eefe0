using System.Security.Claims;
using Bazaar.Accounts;
using Bazaar.Ordering;
using Bazaar.Platform.Web;

namespace Bazaar.FlashSales;

/// <summary>Why an operator ends a sale early (optional, kept in the audit log).</summary>
public sealed record EndFlashSaleRequest(string? Reason);

public static class FlashSaleEndpoints
{
    public static void MapFlashSaleEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/flash-sales").WithTags("Admin: flash sales")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapPost("/", async (CreateFlashSaleRequest r, ClaimsPrincipal user, CreateFlashSale create, CancellationToken ct) =>
        {
            var outcome = await create.HandleAsync(r, user.Actor(), ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/admin/flash-sales/{outcome.Value!.Id}", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Put a product on flash sale: its units are held back from ordinary orders until the sale ends")
          .Produces<FlashSaleView>(StatusCodes.Status201Created).ProducesValidationProblem();

        admin.MapGet("/", async (int? page, ViewFlashSales view, CancellationToken ct) => Results.Ok(await view.ListAsync(page ?? 1, ct)))
            .WithSummary("Flash sales, latest start first (50 a page)").Produces<List<FlashSaleView>>();

        admin.MapGet("/{id:guid}", async (Guid id, ViewFlashSales view, CancellationToken ct) =>
            await view.FindAsync(id, ct) is { } sale ? Results.Ok(sale) : Problem.NotFound("Flash sale").ToHttpResult())
            .WithSummary("One flash sale with units sold and remaining").Produces<FlashSaleView>().ProducesProblem(404);

        admin.MapPost("/{id:guid}/end", async (Guid id, EndFlashSaleRequest? r, EndFlashSale end, CancellationToken ct) =>
        {
            var outcome = await end.HandleAsync(id, r?.Reason, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).WithSummary("End a flash sale now, before its time: nothing more is sold and its unsold units go back to ordinary stock")
          .Produces<FlashSaleView>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        var shoppers = app.MapGroup("/api/v1/flash-sales").WithTags("Flash sales").RequireAuthorization();

        shoppers.MapPost("/{id:guid}/orders", async (Guid id, BuyFlashSaleRequest r, HttpContext http, ClaimsPrincipal user,
            BuyFlashSale buy, CancellationToken ct) =>
        {
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var outcome = await buy.HandleAsync(user.UserId(), id, r, key.Length == 0 ? null : key, ShopCulture.IsChinese, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/orders/{outcome.Value!.Id}", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Buy one unit of a flash sale at its price (Idempotency-Key header required; 409 with code sold-out, "
                       + "already-bought, not-started or ended)")
          .Produces<OrderView>(StatusCodes.Status201Created).ProducesValidationProblem()
          .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
