using System.Linq.Expressions;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// The figures of <see cref="IOrderFigures"/>, each a query (or two) that the database groups and sums.
/// Written to translate on both providers: SQLite keeps money as TEXT (EF sums it with its ef_sum
/// function, exactly) and cannot ORDER BY a decimal, so nothing here sorts by money; local days are
/// the UTC timestamp shifted by the offset and cut to its date, which both providers do in SQL.
/// </summary>
internal sealed class SummariseOrders(ShopDb db) : IOrderFigures
{
    /// <summary>
    /// Spelled out as comparisons with constants, which become IN ('Paid', …) on the text the status is
    /// stored as. (Inside a GROUP BY aggregate the same condition is written out again: a lambda there
    /// cannot be an expression variable.)
    /// </summary>
    private static readonly Expression<Func<Order, bool>> IsSold =
        o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped
             || o.Status == OrderStatus.Delivered || o.Status == OrderStatus.Completed;

    public async Task<IReadOnlyList<OrdersOnDay>> PerDayAsync(DateTime fromUtc, DateTime toUtc, TimeSpan utcOffset, CancellationToken ct)
    {
        var minutes = utcOffset.TotalMinutes;
        // PostgreSQL: date_trunc('day', "PlacedAt" + interval, 'UTC'), whatever the session's time zone;
        // SQLite: strftime(…, '+480 minutes', 'start of day'). The filtered count and sum become
        // FILTER (WHERE …) there and CASE WHEN … inside COUNT and ef_sum here.
        var days = await db.Set<Order>().AsNoTracking()
            .Where(o => o.PlacedAt >= fromUtc && o.PlacedAt < toUtc)
            .GroupBy(o => o.PlacedAt.AddMinutes(minutes).Date)
            .Select(g => new
            {
                Day = g.Key,
                Orders = g.Count(),
                SoldOrders = g.Count(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped
                                          || o.Status == OrderStatus.Delivered || o.Status == OrderStatus.Completed),
                Revenue = g.Where(o => o.Status == OrderStatus.Paid || o.Status == OrderStatus.Shipped
                                       || o.Status == OrderStatus.Delivered || o.Status == OrderStatus.Completed).Sum(o => o.Total),
            })
            .ToListAsync(ct);
        return days.Select(d => new OrdersOnDay(DateOnly.FromDateTime(d.Day), d.Orders, d.SoldOrders, OrderView.Money(d.Revenue)))
            .OrderBy(d => d.Day).ToList();
    }

    public async Task<IReadOnlyList<OrdersInStatus>> CountByStatusAsync(DateTime sinceUtc, CancellationToken ct) =>
        (await db.Set<Order>().AsNoTracking().Where(o => o.PlacedAt >= sinceUtc)
            .GroupBy(o => o.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new OrdersInStatus(g.Status, g.Count)).OrderBy(g => g.Status).ToList();

    public Task<int> CountWaitingToShipAsync(CancellationToken ct) =>
        db.Set<Order>().CountAsync(o => o.Status == OrderStatus.Paid, ct);

    public async Task<IReadOnlyList<ProductSales>> TopProductsAsync(DateTime sinceUtc, int count, CancellationToken ct)
    {
        // From the orders (their PlacedAt index bounds the work to the window) to their lines (keyed by
        // order id), rather than every line ever sold probing for its order.
        var soldLines = db.Set<Order>().AsNoTracking().Where(o => o.PlacedAt >= sinceUtc).Where(IsSold)
            .Join(db.Set<OrderLine>().AsNoTracking(), o => o.Id, l => l.OrderId, (o, l) => l);
        var top = await soldLines
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(g => g.Units).ThenBy(g => g.ProductId)
            .Take(Math.Clamp(count, 0, 100))
            .ToListAsync(ct);
        if (top.Count == 0)
            return [];
        // The money of just these products, in a second small query: SQLite cannot sort by it, and need not.
        var ids = top.Select(t => t.ProductId).ToList();
        var revenue = await soldLines.Where(l => ids.Contains(l.ProductId))
            .GroupBy(l => l.ProductId)
            .Select(g => new { ProductId = g.Key, Revenue = g.Sum(l => l.LineTotal) })
            .ToDictionaryAsync(g => g.ProductId, g => g.Revenue, ct);
        return top.Select(t => new ProductSales(t.ProductId, t.Units, OrderView.Money(revenue.GetValueOrDefault(t.ProductId)))).ToList();
    }
}
