using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Web;

/// <summary>
/// Whether the request carries a one-time message (TempData, kept in a cookie until it is shown).
/// A cached page must not look into TempData when there is none: merely reading it makes the
/// response delete the cookie, and a response that sets a cookie is never stored in the page cache.
/// </summary>
public static class OneTimeMessages
{
    public static bool Carried(HttpContext http)
    {
        var name = http.RequestServices.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name;
        return name is not null && http.Request.Cookies.ContainsKey(name);
    }
}
