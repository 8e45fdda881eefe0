namespace Bazaar.Inventory;

/// <summary>
/// Stock of one SKU. Invariant: OnHand >= Reserved >= 0. It changes only through conditional
/// UPDATEs whose WHERE clause carries that guard (see StockLevels), never read-modify-write.
/// </summary>
public sealed class StockLevel
{
    public int ProductId { get; set; }
    public string Sku { get; set; } = "";
    public int OnHand { get; set; }
    public int Reserved { get; set; }
    /// <summary>At or below this many available units the product is "low" on the dashboard; each product has its own.</summary>
    public int LowStockThreshold { get; set; } = IInventory.DefaultLowStockThreshold;
    public int Available => OnHand - Reserved;
}
