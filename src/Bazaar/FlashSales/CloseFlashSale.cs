using Bazaar.Inventory;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.FlashSales;

/// <summary>
/// Ends a sale whose time is up: marks it closed and gives the unsold units of its hold back to
/// ordinary stock, in one transaction. Of several instances closing the same sale, the conditional
/// UPDATE lets one through. Purchases check ClosedAt in their own UPDATE of the same row, and on
/// PostgreSQL this UPDATE waits for any purchase holding the row, so what is left in the hold when it
/// goes back is final: no purchase can take a unit from it afterwards.
/// </summary>
public sealed class CloseFlashSale(ShopDb db, IInventory inventory, IAuditLog audit, TimeProvider clock)
{
    /// <summary>True when this call closed the sale; false when it is not over or someone else closed it.</summary>
    public async Task<bool> HandleAsync(Guid saleId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var closed = await db.Set<FlashSale>().Where(s => s.Id == saleId && s.ClosedAt == null && s.EndsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ClosedAt, now).SetProperty(s => s.Released, s => (int?)(s.Quantity - s.Sold)), ct);
        if (closed == 0)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        await inventory.ReleaseAsync(saleId, ct);
        var sale = await db.Set<FlashSale>().AsNoTracking().SingleAsync(s => s.Id == saleId, ct);
        audit.Record("flash-sale.closed", $"flash sale {saleId}",
            $"{sale.Sold} of {sale.Quantity} sold; {sale.Released} unit(s) back to ordinary stock of product {sale.ProductId} {sale.Sku}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }
}
