using Microsoft.AspNetCore.Antiforgery;

namespace Bazaar.Platform.Web;

/// <summary>
/// A browser signed in with the shop's cookie sends that cookie with any request to the shop, also one
/// another site's page made it send. SameSite=Lax keeps the cookie off cross-site form posts and fetches,
/// but not off requests from a sibling subdomain nor from browsers that ignore the attribute. So an API
/// call that changes something and was signed in by the cookie must also carry the anti-forgery token
/// (from <c>GET /form-token</c>) in <see cref="Header"/>: a script on another site cannot read it.
/// A bearer token is not sent by the browser on its own, and partners' callbacks are signed and carry
/// no cookie: neither needs the header.
/// </summary>
public static class ApiForgery
{
    public const string Header = "X-CSRF-TOKEN";

    public static IServiceCollection AddApiForgeryCheck(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = Header;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

    /// <summary>After authentication (who signed the request in) and authorization (strangers get 401 first).</summary>
    public static WebApplication UseApiForgeryCheck(this WebApplication app)
    {
        app.UseWhen(SignedInByCookie, api => api.Use(async (http, next) =>
        {
            if (string.IsNullOrEmpty(http.Request.Headers[Header]))
            {
                await RefuseAsync(http, $"The {Header} header is missing.",
                    $"A call signed in with the shop's cookie must send the {Header} header with the token from GET {FormToken.Path}; apps use a bearer token instead.");
                return;
            }
            if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await RefuseAsync(http, $"The {Header} header is not valid.",
                    $"Fetch a fresh token from GET {FormToken.Path} after signing in and send it in the {Header} header.");
                return;
            }
            await next(http);
        }));
        return app;
    }

    private static bool SignedInByCookie(HttpContext http) =>
        WebModule.IsApi(http)
        && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
             || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.User.Identity?.IsAuthenticated == true
        && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task RefuseAsync(HttpContext http, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(http);
}
