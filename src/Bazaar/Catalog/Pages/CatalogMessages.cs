using Bazaar.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages;

/// <summary>What the catalog's handlers may say to a shopper's page (see <see cref="HandlerMessages"/>).</summary>
public static class CatalogMessages
{
    public static HandlerMessages Messages(this IStringLocalizer<CatalogText> t) => new([
        // The search page keeps page and sort in range itself: a search too long is all the shopper can get wrong.
        t["q must be at most {0} characters."],
    ]);
}
