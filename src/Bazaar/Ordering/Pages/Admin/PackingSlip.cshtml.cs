using Bazaar.Accounts;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Ordering.Pages.Admin;

/// <summary>
/// The sheet that goes into the parcel: what to pick and who it is for. No prices (a gift stays a
/// gift) and no phone number (the carrier's label has it; paper in a box should carry no more
/// personal data than it needs).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class PackingSlipModel(ViewOrders view) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    /// <summary>An order that is not (or no longer) paid must not leave the warehouse; the slip says so in print too.</summary>
    public bool MayShip => Order.Status is nameof(OrderStatus.Paid) or nameof(OrderStatus.Shipped)
        or nameof(OrderStatus.Delivered) or nameof(OrderStatus.Completed);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await view.FindForOperatorAsync(id, ShopCulture.IsChinese, ct) is not { } order)
            return NotFound();
        Order = order;
        return Page();
    }
}
