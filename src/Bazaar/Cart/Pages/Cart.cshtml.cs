using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Cart.Pages;

[AllowAnonymous]
public sealed class CartModel(ViewCart view, AddToCart add, SetCartQuantity set, RemoveFromCart remove, IStringLocalizer<CartText> t)
    : PageModel
{
    public CartView Cart { get; private set; } = CartView.Empty;

    public async Task OnGetAsync(CancellationToken ct) =>
        Cart = await view.HandleAsync(CartOwner.From(HttpContext, createGuest: false), ShopCulture.IsChinese, ct);

    /// <summary>A line's problem (sold out, no longer sold …), which the cart states in English, in the page's language.</summary>
    public string Say(string problem) => t.Messages().Say(problem);

    /// <summary>"Add to cart" on a product page posts here.</summary>
    public async Task<IActionResult> OnPostAddAsync(int? productId, int? quantity, CancellationToken ct)
    {
        var problem = await add.HandleAsync(CartOwner.From(HttpContext, createGuest: true), new AddToCartRequest(productId, quantity), ct);
        if (problem is not null)
        {
            // The product page shows it beside the button; the message travels in the page's language already.
            TempData["CartError"] = Message(problem);
            return productId is > 0 ? LocalRedirect($"/products/{productId}") : RedirectToPage();
        }
        TempData["Notice"] = t["Added to your cart."].Value;
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
        // The handler's message says what was wrong with the quantity; the model binder's English one
        // ("The value 'x' is not valid") would only say it twice, and in the wrong language.
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, Message(problem));
        await OnGetAsync(ct);
        return Page();
    }

    private string Message(Problem problem)
    {
        var said = t.Messages().Say(problem);
        return said.Detail ?? said.Title;
    }
}
