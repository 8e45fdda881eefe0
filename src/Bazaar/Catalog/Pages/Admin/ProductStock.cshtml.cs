using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>One product's stock: adjust it with a reason, set when it counts as low, and read every movement.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ProductStockModel(ShopDb db, IInventory inventory, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public Product Product { get; private set; } = null!;
    public StockSnapshot? Stock { get; private set; }
    public IReadOnlyList<StockMovementView> Movements { get; private set; } = [];
    public int PageNumber { get; private set; } = 1;

    [BindProperty] public AdjustForm Input { get; set; } = new();

    public sealed class AdjustForm
    {
        public int? Change { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public ThresholdForm LowStock { get; set; } = new();

    public sealed class ThresholdForm
    {
        public int? Threshold { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        PageNumber = Math.Max(1, pageNumber ?? 1);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (Input.Change is null)
            ModelState.AddModelError("Input.Change", t["Say by how many units on-hand changes (+20, -3)."]);
        else
        {
            var outcome = await inventory.AdjustAsync(id, Input.Change.Value, Input.Reason, ct);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = t["On hand is now {0}.", outcome.Value!.OnHand].Value;
                return RedirectToPage(new { id });
            }
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            outcome.Problem.CopyTo(ModelState, t);
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostThresholdAsync(int id, CancellationToken ct)
    {
        if (LowStock.Threshold is null)
            ModelState.AddModelError("LowStock.Threshold", t["Say at how many available units this product is low on stock (a whole number, 0 or more)."]);
        else
        {
            var outcome = await inventory.SetLowStockThresholdAsync(id, LowStock.Threshold.Value, ct);
            if (outcome.Succeeded)
            {
                TempData["Notice"] = t["Low on stock at {0} available unit(s) or fewer.", outcome.Value!.LowStockThreshold].Value;
                return RedirectToPage(new { id });
            }
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            outcome.Problem.CopyTo(ModelState, t, nameof(LowStock));
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } product)
            return false;
        Product = product;
        Stock = await inventory.GetAsync(id, ct);
        // The form shows the saved threshold, unless it is coming back with the operator's rejected figure.
        if (Request.Method == HttpMethods.Get && Stock is not null)
            LowStock.Threshold = Stock.LowStockThreshold;
        Movements = await inventory.MovementsAsync(id, PageNumber, ct);
        return true;
    }
}
