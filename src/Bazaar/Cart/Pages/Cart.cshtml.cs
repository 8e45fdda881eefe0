using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Cart.Pages;

[AllowAnonymous]
public sealed class CartModel(ViewCart view, AddToCart add, SetCartQuantity set, RemoveFromCart remove) : PageModel
{
    public CartView Cart { get; private set; } = CartView.Empty;

    public async Task OnGetAsync(CancellationToken ct) =>
        Cart = await view.HandleAsync(CartOwner.From(HttpContext, createGuest: false), ShopCulture.IsChinese, ct);

    /// <summary>"Add to cart" on a product page posts here.</summary>
    public async Task<IActionResult> OnPostAddAsync(int productId, int quantity, CancellationToken ct)
    {
        var problem = await add.HandleAsync(CartOwner.From(HttpContext, createGuest: true), new AddToCartRequest(productId, quantity), ct);
        if (problem is not null)
        {
            TempData["CartError"] = problem.Detail ?? problem.Title;
            return LocalRedirect($"/products/{productId}");
        }
        TempData["Notice"] = ShopCulture.IsChinese ? "已加入购物车。" : "Added to your cart.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostQuantityAsync(int productId, int? quantity, CancellationToken ct)
    {
        var problem = await set.HandleAsync(CartOwner.From(HttpContext, false), productId, new SetCartQuantityRequest(quantity), ct);
        return await AfterAsync(problem, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int productId, CancellationToken ct) =>
        await AfterAsync(await remove.HandleAsync(CartOwner.From(HttpContext, false), productId, ct), ct);

    private async Task<IActionResult> AfterAsync(Problem? problem, CancellationToken ct)
    {
        if (problem is null)
            return RedirectToPage();
        ModelState.AddModelError(string.Empty, problem.Detail ?? problem.Title);
        await OnGetAsync(ct);
        return Page();
    }
}
