using System.Security.Cryptography;
using Bazaar.Platform.Partners;

namespace Bazaar.Platform.Web;

/// <summary>
/// The headers every response carries, so a browser holds the shop's pages to what they are meant
/// to do: scripts only from the shop itself or inline with this response's nonce (an injected
/// &lt;script&gt; does not run), no framing by other sites, no type sniffing, no full URLs leaked to
/// other sites, forms posted only to the shop or to the payment gateway it hands the shopper to.
/// HSTS over HTTPS (browsers ignore it over HTTP). The Server header is not sent at all.
/// A page from the page cache gets a fresh nonce that its stored body cannot know: pages carry no
/// inline script at all (SecurityHeadersTests checks every page), so the nonce is for a future one
/// on a page that is never cached.
/// </summary>
public static class SecurityHeaders
{
    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddScoped<CspNonce>();
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((http, next) =>
        {
            // When the response starts, not now: the error handler clears the headers of a response
            // it takes over, and the error page needs them as much as any page.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!headers.ContainsKey("Content-Security-Policy"))
                    headers.ContentSecurityPolicy = Policy(http);
                return Task.CompletedTask;
            });
            return next(http);
        });
        // Adds Strict-Transport-Security only to HTTPS requests (and not for localhost).
        app.UseHsts();
        return app;
    }

    /// <summary>
    /// The one style attribute the pages carry: an empty validation summary renders
    /// <c>&lt;li style="display:none"&gt;</c> (ASP.NET Core's tag helper). Allowed by its hash alone,
    /// so an injected style attribute with anything else is still refused.
    /// </summary>
    private const string ValidationSummaryStyle = "sha256-aqNNdDLnnrDOnTNdkJpYlAxKVJtLt9CtFLklmInuUAE=";

    private static string Policy(HttpContext http)
    {
        var path = http.Request.Path;
        // The API reference (Scalar) and the in-process sandbox (a stand-in for other companies'
        // sites) bring their own inline script and style; the shop's pages do not.
        if (path.StartsWithSegments("/docs") || path.StartsWithSegments("/sandbox") || path.StartsWithSegments("/scalar"))
            return "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                   "font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        var nonce = http.RequestServices.GetRequiredService<CspNonce>().Value;
        var partners = http.RequestServices.GetRequiredService<PartnerAddresses>();
        // "Pay now" posts to the shop, which redirects to the gateway: browsers check form-action on the redirect too.
        var gateway = partners.SandboxInProcess ? "" : " " + partners.Sandbox.GetLeftPart(UriPartial.Authority);
        return $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-hashes' '{ValidationSummaryStyle}'; img-src 'self' data: blob:; " +
               $"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'{gateway}; frame-ancestors 'none'";
    }
}

/// <summary>This response's script nonce: an inline script runs only with <c>nonce="@Nonce.Value"</c>.</summary>
public sealed class CspNonce
{
    public string Value { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
}
