using System.Security.Claims;
using Bazaar.Accounts;
using Bazaar.Payments;
using Bazaar.Platform.Web;
using Bazaar.Shipping;

namespace Bazaar.Ordering;

/// <summary>Paying, following and (for operators) shipping and refunding an order.</summary>
public sealed record CancelOrderRequest(string? Reason);

public static class OrderFulfilmentEndpoints
{
    public static void MapOrderFulfilmentEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/orders").WithTags("Orders").RequireAuthorization();

        orders.MapPost("/{id:guid}/payments", async (Guid id, HttpContext http, ClaimsPrincipal user, PayOrder pay, CancellationToken ct) =>
        {
            var outcome = await pay.HandleAsync(user.UserId(), id, ReturnUrl(http.Request, id), ct);
            return outcome.Succeeded
                ? Results.Created(outcome.Value!.PayUrl, new { paymentId = outcome.Value.PaymentId, payUrl = outcome.Value.PayUrl })
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Pay an unpaid order: the gateway's pay page for the order's total")
          .Produces(StatusCodes.Status201Created).ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);

        orders.MapGet("/{id:guid}/payment", async (Guid id, ClaimsPrincipal user, ViewOrders view, IPayments payments, CancellationToken ct) =>
            await view.OwnsAsync(user.UserId(), id, ct) && await payments.FindForOrderAsync(id, ct) is { } summary
                ? Results.Ok(summary)
                : Problem.NotFound("Payment").ToHttpResult())
            .WithSummary("The order's payment: status, attempts, refunds").Produces<PaymentSummary>().ProducesProblem(404);

        orders.MapGet("/{id:guid}/shipment", async (Guid id, ClaimsPrincipal user, ViewOrders view, IShipping shipping, CancellationToken ct) =>
            await view.OwnsAsync(user.UserId(), id, ct) && await shipping.FindAsync(id, ct) is { } shipment
                ? Results.Ok(shipment)
                : Problem.NotFound("Shipment").ToHttpResult())
            .WithSummary("The order's parcel and its tracking timeline").Produces<ShipmentView>().ProducesProblem(404);

        var admin = app.MapGroup("/api/v1/admin/orders").WithTags("Admin: orders").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/{id:guid}", async (Guid id, ViewOrders view, IPayments payments, IShipping shipping, CancellationToken ct) =>
        {
            if (await view.FindForOperatorAsync(id, ShopCulture.IsChinese, ct) is not { } order)
                return Problem.NotFound("Order").ToHttpResult();
            var history = (await view.HistoryAsync(id, ct))
                .Select(h => new { from = h.From?.ToString(), to = h.To.ToString(), h.At, h.By, h.Reason });
            return Results.Ok(new
            {
                order, history,
                payment = await payments.FindForOrderAsync(id, ct),
                shipment = await shipping.FindAsync(id, ct),
            });
        }).WithSummary("One order with its history, payment and parcel");

        admin.MapPost("/{id:guid}/ship", async (Guid id, ClaimsPrincipal user, ShipOrder ship, CancellationToken ct) =>
        {
            var outcome = await ship.HandleAsync(id, user.Actor(), ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).WithSummary("Book the parcel of a paid order with the carrier; the order becomes Shipped")
          .Produces<ShipmentView>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);

        admin.MapPost("/{id:guid}/cancel", async (Guid id, CancelOrderRequest r, ClaimsPrincipal user, CancelOrderForCustomer cancel,
            CancellationToken ct) =>
        {
            var outcome = await cancel.HandleAsync(id, r.Reason, user.Actor(), ct);
            return outcome.Succeeded ? Results.Ok(new { status = outcome.Value.ToString() }) : outcome.Problem!.ToHttpResult();
        }).WithSummary("Cancel an unpaid order with a reason; its stock is released")
          .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        admin.MapPost("/{id:guid}/refunds", async (Guid id, RefundOrderRequest r, ClaimsPrincipal user, RefundOrder refund, CancellationToken ct) =>
        {
            var outcome = await refund.HandleAsync(id, r, user.Actor(), ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/admin/orders/{id}", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Refund an order in full (no amount) or in part, with a reason; restock when the goods came back")
          .Produces<RefundOrderOutcome>(StatusCodes.Status201Created).ProducesValidationProblem()
          .ProducesProblem(404).ProducesProblem(409).ProducesProblem(503);
    }

    /// <summary>Back to the order's page on the host the shopper used, which then asks the gateway at once.</summary>
    public static Uri ReturnUrl(HttpRequest request, Guid orderId) =>
        new($"{request.Scheme}://{request.Host}{request.PathBase}/orders/{orderId}?paid=1");
}
