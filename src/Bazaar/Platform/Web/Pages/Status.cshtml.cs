using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Platform.Web.Pages;

/// <summary>The page shown for a 404 or other client error on the storefront, keeping its status code.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    // Read from the route, not model-bound: re-executed for a form post, binding reads the form first, and a
    // form that cannot be read (a null character in it) left the code 0, a "not found" for a bad request.
    public void OnGet() => Describe(RouteCode());
    public void OnPost() => Describe(RouteCode());

    private int RouteCode() => int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : 404;

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            404 => ("Page not found", "We could not find that page or product. It may have been removed."),
            403 => ("Not allowed", "Your account may not open this page."),
            400 => ("Bad request", "The request could not be understood."),
            429 => ("Too many requests", "Too many requests from your address. Please wait a moment and try again."),
            _ => ("Something went wrong", "The request could not be completed."),
        };
        // Re-executed for the original request; a direct visit to /status/404 is a 404 as well.
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }
}
