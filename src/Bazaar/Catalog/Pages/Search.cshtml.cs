using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages;

[AllowAnonymous]
public sealed class SearchModel(BrowseProducts browse, IStringLocalizer<CatalogText> t) : PageModel
{
    public string Q { get; private set; } = "";
    public string Sort { get; private set; } = "relevance";
    public string? Error { get; private set; }
    public ProductPage Results { get; private set; } = new([], 0, 1, 1);

    public async Task OnGetAsync(string? q, string? sort, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Q = q?.Trim() ?? "";
        Sort = sort is not null && BrowseProducts.Sorts.Contains(sort) ? sort : "relevance";
        var outcome = await browse.HandleAsync(
            new ProductQuery(Q, null, Sort, Math.Clamp(pageNumber ?? 1, 1, BrowseProducts.MaxPage)), ShopCulture.IsChinese, ct);
        if (outcome.Succeeded)
            Results = outcome.Value!;
        else
            Error = t.Messages().Say(outcome.Problem!).Detail;
    }
}
