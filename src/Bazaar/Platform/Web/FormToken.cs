using Microsoft.AspNetCore.Antiforgery;

namespace Bazaar.Platform.Web;

/// <summary>
/// A fresh anti-forgery token for a page that was served from the shared page cache: such a page
/// cannot carry one (it would be the same for every shopper, and the cookie that pairs with it would
/// not be set), so its script asks for one here when the shopper submits the form. The answer is
/// never cached anywhere: it sets the shopper's own token cookie.
/// </summary>
public static class FormToken
{
    public const string Path = "/form-token";

    public static void MapFormToken(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new FormTokenAnswer(tokens.FormFieldName, tokens.RequestToken!));
        }).AllowAnonymous().ExcludeFromDescription();
}

public sealed record FormTokenAnswer(string Field, string Token);
