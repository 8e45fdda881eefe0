namespace Bazaar.Platform.Web;

/// <summary>
/// One rule for every cookie the shop sets (sign-in, anti-forgery, one-time messages, language, guest
/// cart, and any a module adds later): no script reads it (HttpOnly), no other site's form or fetch
/// sends it (SameSite Lax at least; the anti-forgery cookie keeps its Strict), and it travels over TLS
/// only when the request came over TLS (Secure as the request). The edge (nginx) may speak plain HTTP
/// to the app on loopback; the forwarded headers, read first in the cluster, tell the app the client's
/// scheme, so a shopper on HTTPS gets Secure cookies there too. SameAsRequest rather than Always keeps
/// the embedded shop usable on http://127.0.0.1.
/// </summary>
public static class CookieRules
{
    public static IServiceCollection AddCookieRules(this IServiceCollection services) =>
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
}
