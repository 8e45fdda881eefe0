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

[Authorize(Roles = Roles.Admin)]
public sealed class ProductEditModel(SaveProduct save, CategoryTree tree, ShopDb db, IInventory inventory, IStringLocalizer<BackOfficeText> t)
    : PageModel
{
    public sealed class Form
    {
        public string? Sku { get; set; }
        public string? NameZh { get; set; }
        public string? NameEn { get; set; }
        public string? DescriptionZh { get; set; }
        public string? DescriptionEn { get; set; }
        public string? Price { get; set; }
        public int? CategoryId { get; set; }
        public int? Stock { get; set; }
        public bool IsPublished { get; set; } = true;
    }

    [BindProperty] public Form Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        IsNew = id is null;
        Categories = await tree.RootsAsync(ct);
        if (id is null)
            return Page();
        var p = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
            return NotFound();
        var stock = await inventory.GetAsync(p.Id, ct);
        Input = new Form
        {
            Sku = p.Sku, NameZh = p.NameZh, NameEn = p.NameEn, DescriptionZh = p.DescriptionZh, DescriptionEn = p.DescriptionEn,
            Price = p.Price.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), CategoryId = p.CategoryId,
            Stock = stock?.OnHand ?? 0, IsPublished = p.IsPublished,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        IsNew = id is null;
        Categories = await tree.RootsAsync(ct);
        // The price is typed as text so "12,5" or "abc" gets a message rather than a silent zero.
        decimal? price = null;
        if (!string.IsNullOrWhiteSpace(Input.Price))
        {
            if (decimal.TryParse(Input.Price.Trim().TrimStart('¥'), System.Globalization.NumberStyles.Number,
                    System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                price = parsed;
            else
            {
                ModelState.AddModelError("Input.Price", t["Price must be a number such as 1299.00."]);
                return Page();
            }
        }
        ModelState.Remove("Input.Stock");
        ModelState.Remove("Input.CategoryId");
        var outcome = await save.HandleAsync(id, new SaveProductRequest(Input.Sku, Input.NameZh, Input.NameEn,
            Input.DescriptionZh, Input.DescriptionEn, price, Input.CategoryId, Input.IsPublished, Input.Stock), ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            outcome.Problem.CopyTo(ModelState, t);
            return Page();
        }
        TempData["Notice"] = t["Saved {0}.", outcome.Value!.Sku].Value;
        return LocalRedirect("/admin/products");
    }
}
