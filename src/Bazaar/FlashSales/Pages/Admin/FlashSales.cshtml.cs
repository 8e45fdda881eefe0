using System.Globalization;
using System.Numerics;
using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Catalog;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.FlashSales.Pages.Admin;

/// <summary>
/// The back office's flash sales: every sale with what is sold, a form to start one (times in China
/// time, as the operator reads the clock), and ending one early. The page is a door to the same
/// handlers as /api/v1/admin/flash-sales.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class FlashSalesModel(ViewFlashSales view, CreateFlashSale create, EndFlashSale end, ICatalog catalog,
    IStringLocalizer<BackOfficeText> t) : PageModel
{
    public IReadOnlyList<FlashSaleView> Sales { get; private set; } = [];
    public IReadOnlyDictionary<int, ProductForSale> Products { get; private set; } = new Dictionary<int, ProductForSale>();
    public int PageNumber { get; private set; } = 1;

    [BindProperty] public SaleForm Input { get; set; } = new();

    /// <summary>
    /// Text, all of it: what the operator typed comes back with a message in their language (a SKU where
    /// the id goes, "abc" as a price) rather than as a binding error in English.
    /// </summary>
    public sealed class SaleForm
    {
        public string? ProductId { get; set; }
        public string? Price { get; set; }
        public string? Quantity { get; set; }
        /// <summary>China time, as a datetime-local input sends it; empty: now, and an hour after the start.</summary>
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
    }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        PageNumber = Math.Clamp(pageNumber ?? 1, 1, 10_000);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var productId = Number<int>("ProductId", Input.ProductId, t["Enter the product's id (the number in the product list)."],
            t["Enter the product's id, a whole number (the number in the product list)."]);
        var price = Number<decimal>("Price", Input.Price, t["Price is required."], t["Price must be a number such as 9.90."]);
        var quantity = Number<int>("Quantity", Input.Quantity, t["Say how many units the sale offers."],
            t["The number of units is a whole number such as 100."]);
        var starts = Time("StartsAt", Input.StartsAt);
        var ends = Time("EndsAt", Input.EndsAt);
        if (ModelState.IsValid)
        {
            var outcome = await create.HandleAsync(new CreateFlashSaleRequest(productId, starts, ends, price, quantity), User.Actor(), ct);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = t["Flash sale of {0} unit(s) of {1} created.", outcome.Value!.Quantity, outcome.Value.Sku].Value;
                return RedirectToPage();
            }
            outcome.Problem!.CopyTo(ModelState, t);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, string? reason, CancellationToken ct)
    {
        var outcome = await end.HandleAsync(id, reason, ct);
        if (outcome.Problem?.Status == StatusCodes.Status404NotFound)
            return NotFound();
        TempData["Notice"] = outcome.Succeeded
            ? t["Flash sale of {0} ended: {1} sold, {2} unit(s) back in stock.", outcome.Value!.Sku, outcome.Value.Sold,
                outcome.Value.Released ?? 0].Value
            : t.Message(outcome.Problem!.Detail ?? outcome.Problem.Title);
        return RedirectToPage();
    }

    public string NameOf(FlashSaleView s) => Products.GetValueOrDefault(s.ProductId)?.Name(ShopCulture.IsChinese) ?? "";

    private async Task LoadAsync(CancellationToken ct)
    {
        Sales = await view.ListAsync(PageNumber, ct);
        Products = await catalog.FindAsync(Sales.Select(s => s.ProductId).Distinct().ToList(), ct);
    }

    private T? Number<T>(string field, string? text, string missing, string malformed) where T : struct, INumber<T>
    {
        if (string.IsNullOrWhiteSpace(text))
            ModelState.AddModelError("Input." + field, missing);
        else if (T.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            return n;
        else
            ModelState.AddModelError("Input." + field, malformed);
        return null;
    }

    /// <summary>A datetime-local value (2026-11-11T20:00) read as China time; null when left empty.</summary>
    private DateTimeOffset? Time(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var china))
            return new DateTimeOffset(china, ChinaTime.Offset);
        ModelState.AddModelError("Input." + field, t["Give a date and time such as 2026-11-11T20:00."]);
        return null;
    }
}
