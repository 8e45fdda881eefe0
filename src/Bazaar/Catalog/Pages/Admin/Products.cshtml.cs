using Bazaar.Accounts;
using Bazaar.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>
/// The catalog for operators: narrowed by words, category, publication and low stock (all in the
/// query string, so a filtered list can be bookmarked and paged), and put on or taken off sale one
/// product at a time or many at once.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ProductsModel(FindProductsForOperators find, PublishProduct publishOne, PublishProducts publishMany,
    CategoryTree tree, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public ProductListFilter Filter { get; private set; } = new();
    public OperatorProductList List { get; private set; } = new([], 0);
    public IReadOnlyList<CategoryNode> Categories { get; private set; } = [];

    public Task OnGetAsync(string? q, int? category, bool? published, bool? low, [FromQuery(Name = "page")] int? pageNumber,
        CancellationToken ct) => LoadAsync(q, category, published, low, pageNumber, ct);

    public async Task<IActionResult> OnPostPublishAsync(int id, bool publish, CancellationToken ct)
    {
        if (!await publishOne.HandleAsync(id, publish, ct))
            return NotFound();
        TempData["Notice"] = (publish ? t["Product put on sale."] : t["Product taken off sale: shoppers no longer see it."]).Value;
        return LocalRedirect(ListUrl(FilterFromQuery()));
    }

    /// <summary>The ticked rows, put on sale or taken off together; each product that changes is audited as the API does.</summary>
    public async Task<IActionResult> OnPostPublishManyAsync(int[]? ids, bool? publish, CancellationToken ct)
    {
        var outcome = await publishMany.HandleAsync(new PublishProductsRequest(ids, publish), ct);
        var back = FilterFromQuery();
        if (!outcome.Succeeded)
        {
            outcome.Problem!.CopyTo(ModelState, t, "");
            await LoadAsync(back.Q, back.CategoryId, back.Published, back.LowStock, back.Page, ct);
            return Page();
        }
        TempData["Notice"] = (publish == true ? t["{0} product(s) put on sale.", outcome.Value] : t["{0} product(s) taken off sale.", outcome.Value]).Value;
        return LocalRedirect(ListUrl(back));
    }

    /// <summary>This list's address with the same filters: for the pager, and to come back to after a change.</summary>
    public static string ListUrl(ProductListFilter f, int? page = null)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(f.Q)) query["q"] = f.Q;
        if (f.CategoryId is { } category) query["category"] = category.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (f.Published is { } published) query["published"] = published ? "true" : "false";
        if (f.LowStock) query["low"] = "true";
        if ((page ?? f.Page) is var p and > 1) query["page"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/admin/products", query);
    }

    /// <summary>A handler's address that keeps the list's filters, so the post comes back to the same list.</summary>
    public string HandlerUrl(string handler) => QueryHelpers.AddQueryString(ListUrl(Filter), "handler", handler);

    private ProductListFilter FilterFromQuery()
    {
        var query = Request.Query;
        return new ProductListFilter(query["q"],
            int.TryParse(query["category"], out var category) ? category : null,
            bool.TryParse(query["published"], out var published) ? published : null,
            bool.TryParse(query["low"], out var low) && low,
            int.TryParse(query["page"], out var page) ? Math.Max(1, page) : 1);
    }

    private async Task LoadAsync(string? q, int? category, bool? published, bool? low, int? pageNumber, CancellationToken ct)
    {
        Filter = new ProductListFilter(q, category, published, low == true, Math.Max(1, pageNumber ?? 1));
        List = await find.HandleAsync(Filter, ct);
        Categories = await tree.RootsAsync(ct);
    }
}
