using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Bazaar.Platform.Web;

/// <summary>
/// The built-in rate limiter at the shop's doors that guessers and bots lean on: sign-in (page and
/// token API), sign-in codes and registration, per client address (the real one behind nginx: forwarded headers
/// from known proxies). The per-account side of sign-in is Identity's lockout (5 failures, 15
/// minutes). A global concurrency limit queues a burst beyond what the instance can serve instead
/// of letting it pile up until everything times out. A refused request gets 429 with Retry-After:
/// ProblemDetails on the API, the status page on the storefront. Limits are settings
/// (<c>RateLimits:*</c>): an office or a mobile carrier puts many shoppers behind one address.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in", Registration = "registration", SignInCodes = "sign-in-codes";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration.GetSection("RateLimits");
        var signIns = config.GetValue("SignInsPerMinute", 20);
        var registrations = config.GetValue("RegistrationsPerHour", 20);
        var codes = config.GetValue("SignInCodesPerHour", 20);
        var concurrent = config.GetValue("ConcurrentRequests", 1000);
        var queued = config.GetValue("QueuedRequests", 2000);
        builder.Services.AddRateLimiter(o =>
        {
            // A token bucket: a burst of the whole minute's allowance, then one more every few seconds.
            // Only the attempts count: showing the sign-in or registration page is free.
            o.AddPolicy(SignIn, http => IsAttempt(http)
                ? RateLimitPartition.GetTokenBucketLimiter(ClientAddress(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = signIns, TokensPerPeriod = Math.Max(1, signIns / 6), ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("pages"));
            o.AddPolicy(Registration, http => IsAttempt(http)
                ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(http), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = registrations, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("pages"));
            // Each code asked for is a text the shop pays for and a stranger's phone buzzing: the per-number
            // limits (1 a minute, 10 a day) stop one number being hammered, this one a sweep over many numbers.
            o.AddPolicy(SignInCodes, http => IsAttempt(http)
                ? RateLimitPartition.GetSlidingWindowLimiter(ClientAddress(http), _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = codes, Window = TimeSpan.FromHours(1), SegmentsPerWindow = 6, QueueLimit = 0, AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("pages"));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                // Health probes are answered even when the shop is full: a busy instance is not a dead one.
                http.Request.Path.StartsWithSegments("/healthz") || http.Request.Path.StartsWithSegments("/readyz")
                    ? RateLimitPartition.GetNoLimiter("probes")
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = concurrent, QueueLimit = queued, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    private static bool IsAttempt(HttpContext http) => HttpMethods.IsPost(http.Request.Method);

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (WebModule.IsApi(http))
        {
            var problem = new Problem(StatusCodes.Status429TooManyRequests, "Too many requests.",
                $"Too many requests from your address; try again in {seconds} second(s).");
            await problem.ToHttpResult().ExecuteAsync(http);
        }
        // A page request is answered by the status page (re-executed for the 429 with no body).
    }
}
