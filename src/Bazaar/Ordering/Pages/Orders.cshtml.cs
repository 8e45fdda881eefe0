using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Ordering.Pages;

public sealed class OrdersModel(ViewOrders view) : PageModel
{
    public List<OrderSummary> Orders { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;

    // "page" is a route value Razor Pages keeps for itself; the query parameter is read by name.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        PageNumber = Math.Max(1, pageNumber ?? 1);
        Orders = await view.ListAsync(User.UserId(), PageNumber, ct);
    }
}
