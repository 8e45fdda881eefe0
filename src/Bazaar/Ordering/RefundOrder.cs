using Bazaar.Inventory;
using Bazaar.Payments;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

public sealed record RefundOrderRequest(decimal? Amount, string? Reason, bool Restock);

public sealed record RefundOrderOutcome(RefundView Refund, int UnitsReturned);

/// <summary>
/// An operator gives money back on a paid order, in full (no amount) or in part, with a reason.
/// When the goods came back (Restock), the units sold go back on hand, once. The order itself
/// becomes Refunded when the gateway confirms a full refund (OnPaymentRefunded).
/// </summary>
public sealed class RefundOrder(ShopDb db, IPayments payments, IInventory inventory, IAuditLog audit)
{
    private static readonly OrderStatus[] Refundable = [OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed];

    public async Task<Result<RefundOrderOutcome>> HandleAsync(Guid orderId, RefundOrderRequest request, string by, CancellationToken ct)
    {
        var order = await db.Set<Order>().Where(o => o.Id == orderId).Select(o => new { o.Status, o.Number }).SingleOrDefaultAsync(ct);
        if (order is null)
            return Problem.NotFound("Order");
        var status = order.Status;
        if (!Refundable.Contains(status))
            return Problem.Conflict(status == OrderStatus.Refunded
                ? "This order is already refunded in full."
                : $"An order that is {status} has no payment to refund.");
        var refund = await payments.RefundAsync(orderId, request.Amount, request.Reason ?? "", by, ct);
        if (!refund.Succeeded)
            return refund.Problem!;
        var returned = request.Restock ? await inventory.ReturnAsync(orderId, ct) : 0;
        await audit.RecordNowAsync("order.refunded", $"order {order.Number}",
            $"{refund.Value!.Amount:0.00} ({refund.Value.Status}): {refund.Value.Reason}{(returned > 0 ? $"; {returned} unit(s) back in stock" : "")}", ct);
        return new RefundOrderOutcome(refund.Value!, returned);
    }
}
