using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;

namespace Bazaar.Platform.Web;

public static class WebModule
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);
        // Run from a build (dotnet run, dotnet bin/.../bazaar.dll) in any environment, the CSS and its
        // gzip/brotli variants live in obj/ and wwwroot/; the build's manifest says where. Without it a
        // browser asking for gzip got an empty site.css. A published app has no manifest: nothing changes.
        builder.WebHost.UseStaticWebAssets();
        s.AddSingleton(TimeProvider.System);
        builder.AddSecurityHeaders();
        builder.AddRateLimits();
        s.AddRazorPages(o => o.RootDirectory = "/");
        s.AddProblemDetails();
        s.RefuseNullCharactersInJson();
        s.AddCookieRules();
        s.AddApiForgeryCheck();
        s.AddExceptionHandler<BadRequestExceptionHandler>();
        // Malformed JSON or a non-numeric query value reaches BadRequestExceptionHandler, which says what was wrong.
        s.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        s.AddOpenApi("v1");
        s.AddLocalization();
        // Chinese text as it is, not as &#x8D2D; entities (the default encoder passes only Basic Latin):
        // a third of the bytes of a Chinese page. Markup characters (<, >, &, quotes) are still encoded.
        s.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = ShopCulture.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
        });
        // Deny by default: an endpoint that says nothing about who may call it needs a signed-in user.
        s.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        // First: error pages and status pages carry the headers too.
        app.UseSecurityHeaders();
        // Before anything that sets a cookie (the error pages' TempData, sign-in, anti-forgery, cart, language).
        app.UseCookiePolicy();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            // A client's malformed request is answered by BadRequestExceptionHandler; it is not our fault to log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Inside the status pages, so the 400 it answers reads as ProblemDetails or the shop's page.
        app.UseNullCharacterRefusal();
        // Routing after the error pages, so a re-executed /status/404 or /error is routed (and
        // authorised) as its own endpoint rather than as the request that failed.
        // Compression outermost of what writes bodies, so cached pages are compressed per client's Accept-Encoding.
        app.UseResponseCompression();
        app.UseRouting();
        app.UseBodyLimits();
        // After routing, so each endpoint's own policy (sign-in, registration) is known.
        app.UseRateLimiter();
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiForgeryCheck();
        // After localization and authentication: the cache varies by the culture chosen and skips signed-in users.
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapChooseLanguage();
        app.MapFormToken();
        // WithStaticAssets: pages link the fingerprinted file names (site.10xqoa8r4g.css), served with a year of immutable caching.
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Bazaar API")).AllowAnonymous();
        // A URL that matches nothing is a 404 for everyone (the not-found page, or ProblemDetails
        // under /api), not a sign-in prompt from the deny-by-default policy.
        app.MapFallback(() => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
        // The fallback above skips file-like paths (/robots.txt), which then met the deny-by-default policy: a
        // stranger was sent to sign in for a file that is not there. MapStaticAssets' own catch-all for files
        // (added under a build manifest) carries no AllowAnonymous either; this one runs before it.
        app.MapFallback("{**path:file}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MaxValue - 1);
        return app;
    }

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
}
