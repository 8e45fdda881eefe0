using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

/// <summary>
/// An operator says from how few available units a product counts as low on stock. Only the
/// threshold column is written (one UPDATE), so it never races the stock movements on the same row.
/// </summary>
internal sealed class SetLowStockThreshold(ShopDb db, IAuditLog audit)
{
    public static FieldErrors Validate(int threshold)
    {
        var errors = new FieldErrors();
        if (threshold is < 0 or > IInventory.MaxOnHand)
            errors.Add("threshold", $"The low-stock threshold must be between 0 and {IInventory.MaxOnHand} units.");
        return errors;
    }

    public async Task<Result<StockSnapshot>> HandleAsync(int productId, int threshold, CancellationToken ct)
    {
        var errors = Validate(threshold);
        if (errors.Any)
            return Problem.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = await db.Set<StockLevel>().AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new { s.Sku, s.LowStockThreshold }).SingleOrDefaultAsync(ct);
        if (before is null)
            return Problem.NotFound("Stock of this product");
        await db.Set<StockLevel>().Where(s => s.ProductId == productId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LowStockThreshold, threshold), ct);
        if (before.LowStockThreshold != threshold)
        {
            audit.Record("stock.threshold-set", $"product {productId} {before.Sku}", $"low stock at {before.LowStockThreshold} → {threshold} available");
            await db.SaveChangesAsync(ct);
        }
        var current = await db.Set<StockLevel>().AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new StockSnapshot(s.ProductId, s.Sku, s.OnHand, s.Reserved, s.LowStockThreshold)).SingleAsync(ct);
        await tx.CommitAsync(ct);
        return current;
    }
}
