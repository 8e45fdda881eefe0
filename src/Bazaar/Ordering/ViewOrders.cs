using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

public sealed record OrderSummary(Guid Id, string Number, string Status, decimal Total, string Currency, DateTime PlacedAt, int ItemCount);

/// <summary>A customer's own orders; another customer's order is simply not found.</summary>
public sealed class ViewOrders(ShopDb db)
{
    public const int PageSize = 20;

    public async Task<List<OrderSummary>> ListAsync(Guid customerId, int page, CancellationToken ct) =>
        (await db.Set<Order>().AsNoTracking().Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip((Math.Clamp(page, 1, 10_000) - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.Number, o.Status, o.Total, o.Currency, o.PlacedAt, Items = o.Lines.Sum(l => l.Quantity) })
            .ToListAsync(ct))
        .Select(o => new OrderSummary(o.Id, o.Number, o.Status.ToString(), o.Total, o.Currency, o.PlacedAt, o.Items)).ToList();

    public async Task<OrderView?> FindAsync(Guid customerId, Guid orderId, bool chinese, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.Id == orderId && o.CustomerId == customerId, ct);
        return order is null ? null : OrderView.From(order, chinese);
    }

    public Task<bool> OwnsAsync(Guid customerId, Guid orderId, CancellationToken ct) =>
        db.Set<Order>().AnyAsync(o => o.Id == orderId && o.CustomerId == customerId, ct);

    /// <summary>Any order, for the back office.</summary>
    public async Task<OrderView?> FindForOperatorAsync(Guid orderId, bool chinese, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == orderId, ct);
        return order is null ? null : OrderView.From(order, chinese);
    }

    public async Task<List<OrderStatusChange>> HistoryAsync(Guid orderId, CancellationToken ct) =>
        (await db.Set<OrderStatusChange>().AsNoTracking().Where(c => c.OrderId == orderId).ToListAsync(ct))
            .OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
}
