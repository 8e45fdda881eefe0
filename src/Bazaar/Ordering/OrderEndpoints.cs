using System.Security.Claims;
using Bazaar.Accounts;
using Bazaar.Platform.Web;

namespace Bazaar.Ordering;

public static class OrderEndpoints
{
    public static void MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization();

        orders.MapPost("/", async (PlaceOrderRequest r, HttpContext http, ClaimsPrincipal user, PlaceOrder place, CancellationToken ct) =>
        {
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            if (string.IsNullOrEmpty(key))
                return Results.Problem(statusCode: 400, title: "Idempotency-Key required.",
                    detail: "Send an Idempotency-Key header (a fresh UUID per order) so a retry never places a second order.");
            var outcome = await place.HandleAsync(user.UserId(), r, key, ShopCulture.IsChinese, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/orders/{outcome.Value!.Id}", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Place an order from items or from the cart (Idempotency-Key header required)")
          .Produces<OrderView>(StatusCodes.Status201Created).ProducesValidationProblem()
          .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/", async (int? page, ClaimsPrincipal user, ViewOrders view, CancellationToken ct) =>
            Results.Ok(await view.ListAsync(user.UserId(), page ?? 1, ct)))
            .WithSummary("My orders, newest first (20 a page)").Produces<List<OrderSummary>>();

        orders.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ViewOrders view, CancellationToken ct) =>
            await view.FindAsync(user.UserId(), id, ShopCulture.IsChinese, ct) is { } order
                ? Results.Ok(order)
                : Problem.NotFound("Order").ToHttpResult())
            .WithSummary("One of my orders").Produces<OrderView>().ProducesProblem(404);

        orders.MapPost("/{id:guid}/cancel", async (Guid id, ClaimsPrincipal user, ChangeOrderStatus change, ViewOrders view, CancellationToken ct) =>
        {
            var outcome = await change.HandleAsync(id, OrderStatus.Cancelled, "customer", "cancelled by the customer", user.UserId(), ct);
            return outcome.Succeeded
                ? Results.Ok(await view.FindAsync(user.UserId(), id, ShopCulture.IsChinese, ct))
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Cancel an unpaid order; its stock is released").Produces<OrderView>()
          .ProducesProblem(404).ProducesProblem(409);

        var admin = app.MapGroup("/api/v1/admin/orders").WithTags("Admin: orders").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/", async (string? status, string? number, DateOnly? from, DateOnly? to, Guid? customerId, int? page,
            FindOrdersForOperators find, CancellationToken ct) =>
        {
            OrderStatus? parsed = null;
            if (!string.IsNullOrEmpty(status))
            {
                if (!Enum.TryParse<OrderStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
                    return Problem.Invalid(new FieldErrors().Add("status",
                        $"status must be one of: {string.Join(", ", Enum.GetNames<OrderStatus>())}.")).ToHttpResult();
                parsed = s;
            }
            var (rows, total) = await find.HandleAsync(new OrderFilter(parsed, number, from, to, customerId, page ?? 1), ct);
            return Results.Ok(new { items = rows, total, page = page ?? 1, pageSize = FindOrdersForOperators.PageSize });
        }).WithSummary("All orders, filtered");
    }
}
