using Bazaar.Platform.Web;
using Bazaar.Accounts;
using Bazaar.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Ordering.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class OrdersModel(FindOrdersForOperators find) : PageModel
{
    public OrderFilter Filter { get; private set; } = new();
    public List<OperatorOrderRow> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(OrderStatus? status, string? number, DateOnly? from, DateOnly? to, Guid? customerId,
        [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Filter = new OrderFilter(status, number, from, to, customerId, Math.Max(1, pageNumber ?? 1), ChinaTime.Offset);
        (Rows, Total) = await find.HandleAsync(Filter, ct);
    }
}
