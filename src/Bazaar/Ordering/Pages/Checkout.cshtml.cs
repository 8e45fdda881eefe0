using Bazaar.Accounts;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Ordering.Pages;

/// <summary>
/// Checkout for the cart, or for one product ("Buy now": ?productId=&amp;quantity=). The form carries
/// a one-time token used as the order's idempotency key, so a double click or a re-sent form
/// lands on the same order.
/// </summary>
public sealed class CheckoutModel(PreviewOrder preview, PlaceOrder place, AddressBook addresses, IStringLocalizer<OrderingText> t)
    : PageModel
{
    [BindProperty] public Guid Token { get; set; }
    [BindProperty(SupportsGet = true)] public int? ProductId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Quantity { get; set; }
    [BindProperty] public Guid? AddressId { get; set; }
    public List<AddressView> Addresses { get; private set; } = [];
    public OrderPreview Preview { get; private set; } = new([], 0, 0, 0, []);

    private IReadOnlyList<OrderItemRequest>? Items => ProductId is { } id ? [new OrderItemRequest(id, Math.Clamp(Quantity ?? 1, 1, 99))] : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Preview.Lines.Count == 0 && ProductId is null)
            return LocalRedirect("/cart");
        Token = Guid.NewGuid();
        AddressId = Addresses.FirstOrDefault(a => a.IsDefault)?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await place.HandleAsync(User.UserId(), new PlaceOrderRequest(Items, AddressId), $"checkout:{Token:N}",
            ShopCulture.IsChinese, ct);
        if (outcome.Succeeded)
        {
            var order = outcome.Value!;
            TempData["Notice"] = t["Order placed. Please pay before {0}.", ChinaTime.DateAndTime(order.PaymentDueAt)].Value;
            return LocalRedirect($"/orders/{order.Id}");
        }
        // The handler's messages name what was wrong; the model binder's English ones would only repeat them.
        ModelState.Clear();
        t.Messages().Say(outcome.Problem!).CopyTo(ModelState, "");
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>A problem the preview found (a line short of stock …), in the page's language.</summary>
    public string Say(string problem) => t.Messages().Say(problem);

    private async Task LoadAsync(CancellationToken ct)
    {
        Addresses = await addresses.ListAsync(User.UserId(), ct);
        Preview = await preview.HandleAsync(User.UserId(), Items, ShopCulture.IsChinese, ct);
    }
}
