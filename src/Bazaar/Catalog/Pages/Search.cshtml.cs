using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Bazaar.Platform.Caching.CatalogPageCache.Policy)]
public sealed class SearchModel(BrowseProducts browse, IStringLocalizer<CatalogText> t) : PageModel
{
    public string Q { get; private set; } = "";
    public string Sort { get; private set; } = "relevance";
    public string? Error { get; private set; }
    public ProductPage Results { get; private set; } = new([], 0, 1, 1);
    public int? Category { get; private set; }
    public decimal? MinPrice { get; private set; }
    public decimal? MaxPrice { get; private set; }

    public async Task OnGetAsync(string? q, string? sort, [FromQuery(Name = "page")] int? pageNumber, int? category,
        decimal? minPrice, decimal? maxPrice, CancellationToken ct)
    {
        Q = q?.Trim() ?? "";
        Sort = sort is not null && BrowseProducts.Sorts.Contains(sort) ? sort : "relevance";
        (Category, MinPrice, MaxPrice) = (category, minPrice, maxPrice);
        var outcome = await browse.HandleAsync(
            new ProductQuery(Q, category, Sort, Math.Clamp(pageNumber ?? 1, 1, BrowseProducts.MaxPage), MinPrice: minPrice, MaxPrice: maxPrice),
            ShopCulture.IsChinese, ct);
        if (outcome.Succeeded)
            Results = outcome.Value!;
        else
            Error = t.Messages().Say(outcome.Problem!).Detail;
    }

    /// <summary>A price band as a shopper reads it: ¥50.00 – ¥100.00, or ¥1,000.00 and up.</summary>
    public string Label(PriceFacet band) => band.To is { } to
        ? t["{0} to {1}", ShopCulture.Price(band.From), ShopCulture.Price(to)]
        : t["{0} and up", ShopCulture.Price(band.From)];

    /// <summary>This search with one filter changed (null removes it); the page goes back to 1.</summary>
    public string Link(int? category, decimal? minPrice, decimal? maxPrice)
    {
        var query = new Dictionary<string, string?> { ["q"] = Q, ["sort"] = Sort == "relevance" ? null : Sort };
        if (category is { } c) query["category"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (minPrice is { } min) query["minPrice"] = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (maxPrice is { } max) query["maxPrice"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/search", query.Where(kv => kv.Value is not null));
    }
}
