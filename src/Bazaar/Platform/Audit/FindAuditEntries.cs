using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Audit;

/// <param name="UtcOffset">Where the days of From and To are: UTC for the API, China (+08:00) for the back office's pages.</param>
public sealed record AuditFilter(string? Action = null, string? Actor = null, string? Target = null,
    DateOnly? From = null, DateOnly? To = null, int Page = 1, TimeSpan UtcOffset = default);

/// <summary>The audit log for operators, newest first, filtered by action, actor, target and day.</summary>
public sealed class FindAuditEntries(ShopDb db)
{
    public const int PageSize = 50;

    public async Task<(List<AuditEntry> Rows, int Total)> HandleAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = db.Set<AuditEntry>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(e => e.Action.StartsWith(filter.Action.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Actor))
            query = query.Where(e => e.Actor == filter.Actor.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Target))
            query = query.Where(e => e.Target.Contains(filter.Target.Trim()));
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - filter.UtcOffset;
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - filter.UtcOffset;
            query = query.Where(e => e.At < end);
        }
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, 100_000);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (rows, total);
    }
}
