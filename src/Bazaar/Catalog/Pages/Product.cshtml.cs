using Bazaar.Accounts;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Bazaar.Platform.Caching.CatalogPageCache.Policy)]
public sealed class ProductModel(GetProduct get, ProductCache products) : PageModel
{
    public ProductDetail Product { get; private set; } = null!;
    public List<PhotoView> Photos { get; private set; } = [];
    /// <summary>Why the last add-to-cart failed ("only 2 left"), shown once, to this shopper only.</summary>
    public string? CartError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        // Operators preview unpublished products; shoppers get the 404 page.
        var product = await get.HandleAsync(id, ShopCulture.IsChinese, User.IsInRole(Roles.Admin), ct);
        if (product is null)
            return NotFound();
        Product = product;
        Photos = await products.PhotosAsync(id, ct);
        if (OneTimeMessages.Carried(HttpContext))
            CartError = TempData["CartError"] as string;
        return Page();
    }
}
