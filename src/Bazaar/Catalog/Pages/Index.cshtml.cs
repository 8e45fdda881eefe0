using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Bazaar.Platform.Caching.CatalogPageCache.Policy)]
public sealed class IndexModel(BrowseProducts browse, CategoryTree categories) : PageModel
{
    public IReadOnlyList<CategoryNode> Departments { get; private set; } = [];
    public ProductPage Newest { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = await categories.RootsAsync(ct);
        Newest = (await browse.HandleAsync(new ProductQuery(Sort: "newest", PageSize: 12, Counted: false), ShopCulture.IsChinese, ct)).Value!;
    }
}
