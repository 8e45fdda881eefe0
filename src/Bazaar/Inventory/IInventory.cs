using Bazaar.Platform;
using Bazaar.Platform.Web;

namespace Bazaar.Inventory;

/// <summary>The Inventory module's public service: the only way other modules see or change stock.</summary>
[ModuleContract]
public interface IInventory
{
    /// <summary>The most units one SKU may have on hand; more is a typing error, not stock.</summary>
    public const int MaxOnHand = 1_000_000_000;

    /// <summary>A product is "low" at or below this many available units until an operator says otherwise for it.</summary>
    public const int DefaultLowStockThreshold = 5;

    /// <summary>Available units (on hand minus reserved) per product; products without stock rows are absent.</summary>
    Task<IReadOnlyDictionary<int, int>> GetAvailableAsync(IReadOnlyCollection<int> productIds, CancellationToken ct);

    Task<StockSnapshot?> GetAsync(int productId, CancellationToken ct);

    /// <summary>Sets on-hand stock; refused when it would fall below what is already reserved.</summary>
    Task<Result<StockSnapshot>> SetOnHandAsync(int productId, string sku, int onHand, CancellationToken ct);

    /// <summary>
    /// Holds stock for every line of an order, inside the caller's transaction. Each line is one
    /// conditional UPDATE (Reserved + q &lt;= OnHand); the reservation rows are then saved together
    /// with whatever the caller has pending (its order), in one batch. When any line is short nothing
    /// is saved, the result names every short product and the caller must roll back.
    /// </summary>
    Task<ReserveOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockRequest> lines, CancellationToken ct);

    /// <summary>
    /// Sets units aside under a hold of the caller's (a flash sale), so ordinary orders cannot take them: one
    /// conditional UPDATE (Reserved + q &lt;= OnHand) in the caller's transaction, saved with what it has
    /// pending. False when fewer units are available; nothing is then saved. <see cref="ReleaseAsync"/>
    /// with the hold's id gives back what is left of it.
    /// </summary>
    Task<bool> HoldAsync(Guid holdId, int productId, int quantity, string reason, CancellationToken ct);

    /// <summary>
    /// Passes held units on to an order: the hold shrinks and the order gets a reservation of its own, which
    /// is committed, released or returned like any other. Reserved stays as it is, so no one else can take
    /// the units in between. False when the hold has fewer units left. In the caller's transaction, saved
    /// with what it has pending.
    /// </summary>
    Task<bool> PassHeldAsync(Guid holdId, Guid orderId, int productId, int quantity, string reason, CancellationToken ct);

    /// <summary>Gives an order's held stock back. Idempotent: a second call releases nothing.</summary>
    Task<int> ReleaseAsync(Guid orderId, CancellationToken ct);

    /// <summary>Turns an order's held stock into sold stock (OnHand and Reserved both drop). Idempotent.</summary>
    Task<int> CommitAsync(Guid orderId, CancellationToken ct);

    /// <summary>
    /// An operator's correction (goods received, damaged, counted): on-hand changes by <paramref name="change"/>,
    /// never below what is reserved nor below zero; the reason goes into the stock history.
    /// </summary>
    Task<Result<StockSnapshot>> AdjustAsync(int productId, int change, string? reason, CancellationToken ct);

    /// <summary>A product's stock history, newest first, 50 a page.</summary>
    Task<IReadOnlyList<StockMovementView>> MovementsAsync(int productId, int page, CancellationToken ct);

    /// <summary>Puts an order's sold units back on hand when the goods come back. Idempotent: returns the units added.</summary>
    Task<int> ReturnAsync(Guid orderId, CancellationToken ct);

    /// <summary>Follows a product's new SKU, so the old one is free for another product; quantities stay as they are.</summary>
    Task ChangeSkuAsync(int productId, string sku, CancellationToken ct);

    /// <summary>
    /// Sets the available-units figure at or below which this product counts as low on stock
    /// (0 to <see cref="MaxOnHand"/>; 0 means only when sold out). Recorded in the audit log.
    /// </summary>
    Task<Result<StockSnapshot>> SetLowStockThresholdAsync(int productId, int threshold, CancellationToken ct);

    /// <summary>
    /// Products whose available units (on hand minus reserved) are at or below their own threshold,
    /// fewest available first, at most <paramref name="limit"/> of them, and how many there are in all.
    /// </summary>
    Task<LowStockReport> FindLowStockAsync(int limit, CancellationToken ct);

    /// <summary>Stock rows for products created in bulk (the seeder, imports); one round trip per batch.</summary>
    Task StockNewProductsAsync(IReadOnlyList<NewStock> rows, CancellationToken ct);
}

[ModuleContract]
public sealed record NewStock(int ProductId, string Sku, int OnHand);

[ModuleContract]
public sealed record StockRequest(int ProductId, int Quantity);

[ModuleContract]
public sealed record ReserveOutcome(IReadOnlyList<int> ShortProductIds)
{
    public bool Succeeded => ShortProductIds.Count == 0;
}

[ModuleContract]
public sealed record StockSnapshot(int ProductId, string Sku, int OnHand, int Reserved,
    int LowStockThreshold = IInventory.DefaultLowStockThreshold)
{
    public int Available => OnHand - Reserved;
    public bool IsLow => Available <= LowStockThreshold;
}

[ModuleContract]
public sealed record LowStockItem(int ProductId, string Sku, int OnHand, int Reserved, int Available, int LowStockThreshold);

[ModuleContract]
public sealed record LowStockReport(int Count, IReadOnlyList<LowStockItem> Items);

[ModuleContract]
public sealed record StockMovementView(DateTime At, string Kind, int OnHandChange, int ReservedChange, Guid? OrderId,
    string? Reason, string By);
