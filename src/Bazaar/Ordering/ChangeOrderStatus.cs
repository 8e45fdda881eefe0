using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// Moves an order along one edge of its state machine. The move is a conditional UPDATE on the
/// status the order had when read; if another request or instance moved it first, no row matches
/// and the answer is 409. The stock consequence (release on cancel, commit on payment) happens in
/// the same transaction, so it happens exactly when the move does.
/// </summary>
public sealed class ChangeOrderStatus(ShopDb db, IInventory inventory, IOutbox outbox, TimeProvider clock)
{
    /// <param name="customerId">When set, only this customer's order is found; another's is a 404.</param>
    /// <param name="alsoRaise">An event that belongs to this move (OrderShipped with its tracking number), saved with it.</param>
    public async Task<Result<OrderStatus>> HandleAsync(Guid orderId, OrderStatus to, string by, string? reason,
        Guid? customerId, CancellationToken ct, object? alsoRaise = null)
    {
        var orders = db.Set<Order>().Where(o => o.Id == orderId);
        if (customerId is { } owner)
            orders = orders.Where(o => o.CustomerId == owner);
        // Status and owner in one read: the owner is what a cancellation event carries.
        var current = await orders.Select(o => new { o.Status, o.CustomerId, o.Number }).SingleOrDefaultAsync(ct);
        if (current is null)
            return Problem.NotFound("Order");
        var from = current.Status;
        if (!Order.CanMove(from, to))
            return Problem.Conflict(Illegal(from, to));

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        DateTime? deliveredAt = to == OrderStatus.Delivered ? now : null;
        var moved = await db.Set<Order>().Where(o => o.Id == orderId && o.Status == from)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, to).SetProperty(o => o.UpdatedAt, now)
                .SetProperty(o => o.DeliveredAt, o => deliveredAt ?? o.DeliveredAt), ct);
        if (moved == 0)
        {
            await tx.RollbackAsync(ct);
            var latest = await db.Set<Order>().Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync(ct);
            return Problem.Conflict($"The order changed meanwhile: it is now {latest}. {Illegal(latest, to)}".Trim());
        }
        if (to == OrderStatus.Cancelled)
        {
            await inventory.ReleaseAsync(orderId, ct);
            outbox.Raise(new OrderCancelled(orderId, current.CustomerId, by, reason, now));
        }
        else if (to == OrderStatus.Paid)
        {
            await inventory.CommitAsync(orderId, ct);
            var lines = await db.Set<OrderLine>().Where(l => l.OrderId == orderId)
                .Select(l => new UnitsOfProduct(l.ProductId, l.Quantity)).ToListAsync(ct);
            outbox.Raise(new OrderPaid(orderId, lines, now));
        }
        db.Add(new OrderStatusChange { OrderId = orderId, From = from, To = to, At = now, By = by, Reason = reason });
        outbox.Raise(new OrderStatusChanged(orderId, current.Number, current.CustomerId, from, to, by, reason, now));
        if (alsoRaise is not null)
            outbox.Raise(alsoRaise);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return to;
    }

    private static string Illegal(OrderStatus from, OrderStatus to) =>
        Order.CanMove(from, to) ? "" : $"An order that is {from} cannot become {to}.";
}
