using Bazaar.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class ProductsModel(FindProductsForOperators find, PublishProduct publish) : PageModel
{
    public List<OperatorProductRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public string? Q { get; private set; }
    public bool? Published { get; private set; }
    public int PageNumber { get; private set; } = 1;

    public async Task OnGetAsync(string? q, bool? published, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        (Q, Published, PageNumber) = (q, published, Math.Max(1, pageNumber ?? 1));
        (Rows, Total) = await find.HandleAsync(q, published, PageNumber, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, bool published, CancellationToken ct)
    {
        if (!await publish.HandleAsync(id, published, ct))
            return NotFound();
        TempData["Notice"] = published ? "Product published." : "Product unpublished: shoppers no longer see it.";
        return RedirectToPage();
    }
}
