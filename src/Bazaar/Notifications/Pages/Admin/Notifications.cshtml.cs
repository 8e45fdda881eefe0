using Bazaar.Accounts;
using Bazaar.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Notifications.Pages.Admin;

/// <summary>The texts the shop sent (or is still sending) to customers, newest first.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NotificationsModel(ShopDb db) : PageModel
{
    public const int PageSize = 50;
    public List<CustomerNotification> Rows { get; private set; } = [];
    public Guid? OrderId { get; private set; }
    public int PageNumber { get; private set; }

    public async Task OnGetAsync(Guid? orderId, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        OrderId = orderId;
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, 10_000);
        var query = db.Set<CustomerNotification>().AsNoTracking();
        if (orderId is { } id)
            query = query.Where(n => n.OrderId == id);
        Rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }
}
