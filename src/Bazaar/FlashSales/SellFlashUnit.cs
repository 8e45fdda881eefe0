using Bazaar.Ordering;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.FlashSales;

/// <summary>
/// The database's decision, the same behind Redis or without it. One transaction: the sale's
/// conditional UPDATE (Sold &lt; Quantity, not closed, within its times), the purchase row whose key
/// (sale, customer) allows one per customer, and an ordinary order at the flash price for a unit
/// passed from the sale's Inventory hold. Any refusal rolls all of it back. On PostgreSQL the UPDATE
/// waits for a concurrent buyer's lock and re-checks its WHERE; SQLite runs writers one at a time.
/// </summary>
public sealed class SellFlashUnit(ShopDb db, IOrders orders, TimeProvider clock)
{
    public async Task<Result<OrderView>> HandleAsync(FlashSaleTerms sale, Guid customerId, Guid addressId, string key, bool chinese,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var orderId = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<FlashSale>()
            .Where(s => s.Id == sale.Id && s.Sold < s.Quantity && s.ClosedAt == null && s.StartsAt <= now && s.EndsAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Sold, s => s.Sold + 1), ct);
        if (claimed == 0)
        {
            await tx.RollbackAsync(ct);
            return now >= sale.EndsAt ? FlashSaleAnswers.Ended(sale) : FlashSaleAnswers.SoldOut(sale);
        }
        db.Add(new FlashSalePurchase { FlashSaleId = sale.Id, CustomerId = customerId, OrderId = orderId, IdempotencyKey = key, At = now });
        Result<OrderView> placed;
        try
        {
            placed = await orders.PlaceFromHoldAsync(new HeldStockOrder(orderId, customerId, addressId, sale.ProductId, 1, sale.Price,
                sale.Id, $"flash sale {sale.Id}"), chinese, ct);
        }
        catch (DbUpdateException)
        {
            // The customer's purchase row is there already: a retry, or two tries racing each other.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            if (await EarlierPurchaseAsync(sale.Id, customerId, key, chinese, ct) is { } earlier)
                return earlier;
            throw;
        }
        if (!placed.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return placed;
        }
        await tx.CommitAsync(ct);
        FlashSaleMetrics.Won();
        db.ChangeTracker.Clear();
        return placed;
    }

    /// <summary>
    /// The customer's purchase in this sale, if any: the same order again for a retry with the same
    /// Idempotency-Key, otherwise "already bought". Null when the customer has none.
    /// </summary>
    public async Task<Result<OrderView>?> EarlierPurchaseAsync(Guid saleId, Guid customerId, string key, bool chinese, CancellationToken ct)
    {
        var purchase = await db.Set<FlashSalePurchase>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.FlashSaleId == saleId && p.CustomerId == customerId, ct);
        if (purchase is null)
            return null;
        if (purchase.IdempotencyKey == key && await orders.FindAsync(customerId, purchase.OrderId, chinese, ct) is { } order)
            return order;
        return FlashSaleAnswers.AlreadyBought(purchase.OrderId);
    }
}
