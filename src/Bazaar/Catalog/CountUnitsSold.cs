using Bazaar.Ordering;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// Counts the units of every paid order against its products, for "sort by sales" and the best
/// sellers the cache warms up with. The outbox delivers at least once, so the order's id is
/// recorded in the same transaction as the counts: a second delivery finds it and counts nothing.
/// Refunds are not taken back: the figure measures demand, not revenue.
/// </summary>
public sealed class CountUnitsSold(ShopDb db) : IEventHandler<OrderPaid>
{
    public async Task HandleAsync(OrderPaid paid, OutboxEnvelope envelope, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(new CountedSale { OrderId = paid.OrderId, CountedAt = paid.PaidAt });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return; // counted by an earlier delivery
        }
        foreach (var line in paid.Lines.GroupBy(l => l.ProductId))
        {
            var units = line.Sum(l => l.Quantity);
            await db.Set<Product>().Where(p => p.Id == line.Key)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.UnitsSold, p => p.UnitsSold + units), ct);
        }
        await tx.CommitAsync(ct);
    }
}

/// <summary>An order whose units are in <see cref="Product.UnitsSold"/>.</summary>
public sealed class CountedSale
{
    public Guid OrderId { get; set; }
    public DateTime CountedAt { get; set; }
}
