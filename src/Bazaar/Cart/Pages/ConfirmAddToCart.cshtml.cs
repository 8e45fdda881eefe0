using Bazaar.Catalog;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Cart.Pages;

/// <summary>
/// Where the product page's add-to-cart form leads when its script could not post it (no
/// JavaScript, or the token could not be fetched): the product and quantity once more, in a form
/// that carries this shopper's anti-forgery token, posting to the cart as the script would have.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmAddToCartModel(ICatalog catalog) : PageModel
{
    public ProductForSale Product { get; private set; } = null!;
    public int Quantity { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? productId, int? quantity, CancellationToken ct)
    {
        if (productId is not > 0)
            return NotFound();
        var found = await catalog.FindAsync([productId.Value], ct);
        if (!found.TryGetValue(productId.Value, out var product) || !product.IsPublished)
            return NotFound();
        Product = product;
        // What the shopper typed is kept when it is a quantity the cart would take; the cart states the limit otherwise.
        Quantity = quantity is >= 1 and <= ShoppingCart.MaxQuantity ? quantity.Value : 1;
        return Page();
    }
}
