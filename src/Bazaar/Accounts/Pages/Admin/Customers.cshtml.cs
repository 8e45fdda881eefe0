using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Accounts.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class CustomersModel(FindCustomers find) : PageModel
{
    public string? Query { get; private set; }
    public int PageNumber { get; private set; }
    public List<CustomerRow> Rows { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(string? q, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Query = q;
        PageNumber = Math.Max(1, pageNumber ?? 1);
        (Rows, Total) = await find.HandleAsync(q, PageNumber, ct);
    }
}
