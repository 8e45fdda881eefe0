using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Ordering.Pages;

public sealed class OrdersModel(ViewOrders view) : PageModel
{
    public List<OrderSummary> Orders { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync(int? page, CancellationToken ct)
    {
        PageNumber = Math.Max(1, page ?? 1);
        Orders = await view.ListAsync(User.UserId(), PageNumber, ct);
    }
}
