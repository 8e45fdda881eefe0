using Bazaar.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

public sealed record CustomerRow(Guid Id, string UserName, string? Phone, DateTimeOffset CreatedAt, bool Locked,
    DateTimeOffset? LockedUntil, int FailedSignIns, IReadOnlyList<string> Roles);

/// <summary>Accounts for the back office: search by user name (part of it) or by a whole phone number.</summary>
public sealed class FindCustomers(ShopDb db, TimeProvider clock, PhoneLookup phones)
{
    public const int PageSize = 50;

    public async Task<(List<CustomerRow> Rows, int Total)> HandleAsync(string? q, int page, CancellationToken ct)
    {
        var users = db.Set<ShopUser>().AsNoTracking();
        q = q?.Trim();
        if (!string.IsNullOrEmpty(q))
        {
            if (PhoneNumbers.LooksLikePhone(q) && PhoneNumbers.TryNormalise(q, out var phone, out _))
                users = phones.Where(users, phone);
            else
            {
                // Phone numbers are encrypted at rest: only a whole number is found (above), never its last digits.
                var upper = q.ToUpperInvariant();
                users = users.Where(u => u.NormalizedUserName != null && u.NormalizedUserName.Contains(upper));
            }
        }
        var total = await users.CountAsync(ct);
        page = Math.Clamp(page, 1, 100_000);
        // By name: SQLite cannot sort DateTimeOffset columns, and operators scan a list alphabetically anyway.
        var found = await users.OrderBy(u => u.NormalizedUserName).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return (await RowsAsync(found, ct), total);
    }

    public async Task<CustomerRow?> FindAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Set<ShopUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? null : (await RowsAsync([user], ct))[0];
    }

    private async Task<List<CustomerRow>> RowsAsync(List<ShopUser> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.Set<IdentityUserRole<Guid>>()
                           join r in db.Set<IdentityRole<Guid>>() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new CustomerRow(u.Id, u.UserName ?? "", u.PhoneNumber, u.CreatedAt,
            u.LockoutEnd is { } end && end > now, u.LockoutEnd is { } e2 && e2 > now ? e2 : null, u.AccessFailedCount,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
    }
}
