using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

/// <summary>
/// Units set aside for something that is not an order yet (a flash sale), and handed to orders one
/// by one. A hold is a reservation row under the holder's id, so it counts in Reserved like any
/// order's: ordinary shoppers see those units as taken, and ReleaseAsync(holdId) gives back what is
/// left of it. Every step is a conditional UPDATE with its guard in the WHERE clause.
/// </summary>
internal sealed class HoldStock(ShopDb db, IHttpContextAccessor http, TimeProvider clock)
{
    private string By => http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system";

    public async Task<bool> HoldAsync(Guid holdId, int productId, int quantity, string reason, CancellationToken ct)
    {
        var held = quantity > 0 && await db.Set<StockLevel>()
            .Where(s => s.ProductId == productId && s.Reserved + quantity <= s.OnHand)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved + quantity), ct) == 1;
        if (!held)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new StockReservation
        {
            OrderId = holdId, ProductId = productId, Quantity = quantity, Status = ReservationStatus.Held, CreatedAt = now,
        });
        Record(productId, quantity, holdId, reason, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> PassOnAsync(Guid holdId, Guid orderId, int productId, int quantity, string reason, CancellationToken ct)
    {
        if (quantity <= 0)
            return false;
        var hold = db.Set<StockReservation>()
            .Where(r => r.OrderId == holdId && r.ProductId == productId && r.Status == ReservationStatus.Held);
        // A reservation row never holds zero units (a check constraint says so): the last units take the row with them.
        var passed = await hold.Where(r => r.Quantity > quantity)
                         .ExecuteUpdateAsync(u => u.SetProperty(r => r.Quantity, r => r.Quantity - quantity), ct) == 1
                     || await hold.Where(r => r.Quantity == quantity).ExecuteDeleteAsync(ct) == 1;
        if (!passed)
            return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new StockReservation
        {
            OrderId = orderId, ProductId = productId, Quantity = quantity, Status = ReservationStatus.Held, CreatedAt = now,
        });
        // Reserved does not move: the history shows where the units went, with no change to add up.
        Record(productId, 0, orderId, reason, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    private void Record(int productId, int reserved, Guid holderId, string reason, DateTime at) =>
        db.Add(new StockMovement
        {
            ProductId = productId, Kind = StockMovementKind.Reserved, OnHandChange = 0, ReservedChange = reserved,
            OrderId = holderId, Reason = reason.Length > 500 ? reason[..500] : reason, By = By, At = at,
        });
}
