using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

public sealed record OperatorOrderRow(Guid Id, string Number, Guid CustomerId, string Status, decimal Total, DateTime PlacedAt,
    string Recipient, string City);

/// <param name="UtcOffset">Where the days of From and To are: UTC for the API, China (+08:00) for the back office's pages.</param>
public sealed record OrderFilter(OrderStatus? Status = null, string? Number = null, DateOnly? From = null, DateOnly? To = null,
    Guid? CustomerId = null, int Page = 1, TimeSpan UtcOffset = default);

/// <summary>The back office's order list: every customer's orders, filtered by status, number, date or customer.</summary>
public sealed class FindOrdersForOperators(ShopDb db)
{
    public const int PageSize = 50;

    public async Task<(List<OperatorOrderRow> Rows, int Total)> HandleAsync(OrderFilter f, CancellationToken ct)
    {
        var orders = db.Set<Order>().AsNoTracking();
        if (f.Status is { } status)
            orders = orders.Where(o => o.Status == status);
        if (!string.IsNullOrWhiteSpace(f.Number) && f.Number.Length <= 24)
            orders = orders.Where(o => o.Number.StartsWith(f.Number.Trim().ToUpperInvariant()));
        if (f.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - f.UtcOffset;
            orders = orders.Where(o => o.PlacedAt >= start);
        }
        if (f.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - f.UtcOffset;
            orders = orders.Where(o => o.PlacedAt < end);
        }
        if (f.CustomerId is { } customer)
            orders = orders.Where(o => o.CustomerId == customer);
        var total = await orders.CountAsync(ct);
        var rows = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id)
            .Skip((Math.Clamp(f.Page, 1, 10_000) - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.Number, o.CustomerId, o.Status, o.Total, o.PlacedAt, o.Recipient, o.City })
            .ToListAsync(ct);
        return (rows.Select(o => new OperatorOrderRow(o.Id, o.Number, o.CustomerId, o.Status.ToString(), o.Total, o.PlacedAt,
            o.Recipient, o.City)).ToList(), total);
    }
}
