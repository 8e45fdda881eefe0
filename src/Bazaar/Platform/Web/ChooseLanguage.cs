using Microsoft.AspNetCore.Localization;

namespace Bazaar.Platform.Web;

/// <summary>
/// The language switch in the header: remembers the choice for a year in the culture cookie, which
/// the request localization reads before Accept-Language, and goes back to the page the shopper
/// was on (a local path only, so the link can never send anyone to another site).
/// </summary>
public static class ChooseLanguage
{
    public const string Path = "/language";

    public static void MapChooseLanguage(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (string? lang, string? returnUrl, HttpContext http) =>
        {
            if (lang is null || !ShopCulture.Supported.Contains(lang))
                return Problem.Invalid(new FieldErrors().Add("lang", $"lang must be one of: {string.Join(", ", ShopCulture.Supported)}.")).ToHttpResult();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();

    /// <summary>"/orders" yes; "//evil.example", "/\evil.example" and "https://…" no.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    public static string Link(HttpContext http, string lang) =>
        $"{Path}?lang={lang}&returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}";
}
