using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// An operator cancels an unpaid order (the customer phoned, the address is fake …) with a reason;
/// its stock goes back and the move is on the order's history and in the audit log. A paid order is
/// refunded instead, never cancelled.
/// </summary>
public sealed class CancelOrderForCustomer(ShopDb db, ChangeOrderStatus change, IAuditLog audit)
{
    public async Task<Result<OrderStatus>> HandleAsync(Guid orderId, string? reason, string by, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return Problem.Invalid(new FieldErrors().Add("reason", "Say why the order is cancelled."));
        if (reason.Length > 500)
            return Problem.Invalid(new FieldErrors().Add("reason", "The reason can be at most 500 characters."));
        var number = await db.Set<Order>().Where(o => o.Id == orderId).Select(o => o.Number).SingleOrDefaultAsync(ct);
        if (number is null)
            return Problem.NotFound("Order");
        var moved = await change.HandleAsync(orderId, OrderStatus.Cancelled, by, reason, null, ct);
        if (moved.Succeeded)
            await audit.RecordNowAsync("order.cancelled", $"order {number}", reason, ct);
        return moved;
    }
}
