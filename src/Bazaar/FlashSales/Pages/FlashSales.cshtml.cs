using Bazaar.Accounts;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.FlashSales.Pages;

/// <summary>
/// The shop's flash sales: what is on now and what is coming, with the units left and the time to the
/// start. "Buy" goes through BuyFlashSale, the very path of the API, with the customer's default address
/// and a key fixed when the page was shown, so a double click gets the same order.
/// </summary>
[AllowAnonymous]
public sealed class FlashSalesModel(ViewFlashSales view, BuyFlashSale buy, AddressBook addresses, Bazaar.Catalog.ICatalog catalog,
    IStringLocalizer<FlashSalesText> t, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FlashSaleView> Sales { get; private set; } = [];
    public IReadOnlyDictionary<int, Bazaar.Catalog.ProductForSale> Products { get; private set; } = new Dictionary<int, Bazaar.Catalog.ProductForSale>();
    public DateTime Now { get; private set; }
    /// <summary>One per page view: the same click sent twice is one attempt.</summary>
    public string AttemptKey { get; } = Guid.NewGuid().ToString("N");
    public Guid? AlreadyBoughtOrder { get; private set; }

    public string NameOf(FlashSaleView s) => Products.GetValueOrDefault(s.ProductId)?.Name(ShopCulture.IsChinese) ?? s.Sku;

    public bool IsUpcoming(FlashSaleView s) => s.StartsAt > Now;

    public bool IsSoldOut(FlashSaleView s) => s.Remaining <= 0;

    /// <summary>Days.hours:minutes:seconds to the start, as the page's script counts it down.</summary>
    public string TimeToStart(FlashSaleView s) => (s.StartsAt - Now).ToString(@"d\.hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);

    public long StartMilliseconds(FlashSaleView s) =>
        new DateTimeOffset(DateTime.SpecifyKind(s.StartsAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public async Task OnGetAsync(Guid? order, CancellationToken ct)
    {
        AlreadyBoughtOrder = order;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostBuyAsync(Guid id, string? key, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString("/flash-sales"));
        var customer = User.UserId();
        var address = (await addresses.ListAsync(customer, ct)).FirstOrDefault();
        if (address is null)
        {
            TempData["Problem"] = t["Add a delivery address to your account first, then come back to buy."].Value;
            return RedirectToPage();
        }
        var outcome = await buy.HandleAsync(customer, id, new BuyFlashSaleRequest(address.Id),
            string.IsNullOrEmpty(key) ? Guid.NewGuid().ToString("N") : key, ShopCulture.IsChinese, ct);
        if (outcome.Succeeded)
            return Redirect($"/orders/{outcome.Value!.Id}");
        if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
            return NotFound();
        TempData["Problem"] = FlashSaleAnswers.CodeOf(outcome.Problem) switch
        {
            FlashSaleAnswers.SoldOutCode => t["Sold out: every unit of this sale is taken."].Value,
            FlashSaleAnswers.AlreadyBoughtCode => t["You already have a unit of this sale: one per customer."].Value,
            FlashSaleAnswers.NotStartedCode => t["This sale has not started yet."].Value,
            FlashSaleAnswers.EndedCode => t["This sale has ended."].Value,
            _ => t.Messages().Say(outcome.Problem) is var said ? said.Detail ?? said.Title : "",
        };
        // The customer's own order, linked from the message (the order page shows it to its customer only).
        return outcome.Problem.Extensions?.GetValueOrDefault("orderId") is Guid order ? RedirectToPage(new { order }) : RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Sales = await view.ForShoppersAsync(ct);
        Products = await catalog.FindAsync(Sales.Select(s => s.ProductId).Distinct().ToList(), ct);
    }
}
