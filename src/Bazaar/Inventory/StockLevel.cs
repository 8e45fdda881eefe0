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
    public int Available => OnHand - Reserved;
}
