using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Bazaar.Platform.Caching;

/// <summary>
/// Output caching for the anonymous catalog pages (home, category, search): a shopper who is not
/// signed in gets the page another anonymous shopper of the same language and query got up to
/// <c>Caching:PageDuration</c> ago (1 s), so a burst of visitors renders each page once a second.
/// Signed-in shoppers are never served a shared page, nor is a response that sets a cookie; a
/// change to a product or a category evicts every cached catalog page on every instance at once.
/// A cached page carries no form token (the product page's add-to-cart fetches one from
/// <see cref="Web.FormToken"/>); the cart and checkout, which have tokens, are not cached. A shopper
/// carrying a one-time message (TempData: "only 2 left" after a failed add-to-cart) gets the page
/// rendered for them.
/// </summary>
public static class CatalogPageCache
{
    public const string Policy = "catalog-pages";
    public const string Tag = "catalog-pages";

    public static IServiceCollection AddCatalogPageCache(this IServiceCollection services, IConfiguration config)
    {
        var duration = config.GetValue("Caching:PageDuration", TimeSpan.FromSeconds(1));
        services.AddSingleton<IOutputCacheStore, FusionOutputCacheStore>();
        services.AddOutputCache(o =>
        {
            o.SizeLimit = 256L * 1024 * 1024;
            o.MaximumBodySize = 1024 * 1024;
            // The builder starts from the default policy: GET and HEAD only, never for a request with
            // a signed-in user or an Authorization header, never a response that is not 200 or sets a cookie.
            o.AddPolicy(Policy, p => p
                .With(c => !Web.OneTimeMessages.Carried(c.HttpContext))
                // No request collapsing: its lock was a third of a cached page's time under 64
                // connections (dotnet-trace, bench/README.md). A miss renders from the data cache,
                // which has its own one-load-per-key protection, so parallel renders cost little.
                .SetLocking(false)
                .Expire(duration)
                .SetVaryByQuery("*")
                .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
                .Tag(Tag));
        });
        return services;
    }
}
