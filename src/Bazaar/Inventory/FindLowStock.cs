using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

/// <summary>
/// Products at or below their own low-stock threshold, for the back office's dashboard. The
/// comparison runs in the database (available = on hand − reserved, against the row's threshold):
/// one pass over the narrow StockLevels table, whatever the size of the catalog, and only the
/// shortest rows come back.
/// </summary>
internal sealed class FindLowStock(ShopDb db)
{
    public const int MaxLimit = 500;

    public async Task<LowStockReport> HandleAsync(int limit, CancellationToken ct)
    {
        var low = db.Set<StockLevel>().AsNoTracking().Where(s => s.OnHand - s.Reserved <= s.LowStockThreshold);
        var count = await low.CountAsync(ct);
        var items = count == 0 ? [] : await low
            .OrderBy(s => s.OnHand - s.Reserved).ThenBy(s => s.ProductId)
            .Take(Math.Clamp(limit, 0, MaxLimit))
            .Select(s => new LowStockItem(s.ProductId, s.Sku, s.OnHand, s.Reserved, s.OnHand - s.Reserved, s.LowStockThreshold))
            .ToListAsync(ct);
        return new LowStockReport(count, items);
    }
}
