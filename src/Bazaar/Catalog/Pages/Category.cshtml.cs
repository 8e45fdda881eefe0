using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Bazaar.Platform.Caching.CatalogPageCache.Policy)]
public sealed class CategoryModel(BrowseProducts browse, CategoryTree categories) : PageModel
{
    public CategoryNode Node { get; private set; } = null!;
    public CategoryNode? Parent { get; private set; }
    public ProductPage Results { get; private set; } = new([], 0, 1, 1);
    public string Sort { get; private set; } = "newest";

    // ?page=N is read by name: a parameter called page would bind the Razor Pages route value "page" (the page path).
    public async Task<IActionResult> OnGetAsync(int id, string? sort, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var node = await categories.FindAsync(id, ct);
        if (node is null)
            return NotFound();
        Node = node;
        Parent = node.ParentId is { } p ? await categories.FindAsync(p, ct) : null;
        Sort = sort is "price_asc" or "price_desc" ? sort : "newest";
        var outcome = await browse.HandleAsync(new ProductQuery(null, id, Sort, Math.Clamp(pageNumber ?? 1, 1, BrowseProducts.MaxPage)),
            ShopCulture.IsChinese, ct);
        Results = outcome.Value!;
        return Page();
    }
}
