using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace Bazaar.Platform.Partners;

/// <summary>
/// The one resilience pipeline every call to a partner goes through: a total deadline, retries with
/// jittered exponential backoff only for calls that are safe to repeat (GET, or a POST carrying an
/// idempotency reference the partner dedupes on), a per-attempt timeout and a circuit breaker, so a
/// partner that is down is answered fast with "unavailable" instead of tying up every request.
/// </summary>
public static class PartnerClients
{
    /// <summary>Marks a request as safe to send twice: the partner recognises the repeat by a reference in it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("bazaar.repeatable");

    public static IHttpClientBuilder AddPartnerClient<TClient>(this IServiceCollection services, string name)
        where TClient : class
    {
        var builder = services.AddHttpClient<TClient>(name);
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var config = context.ServiceProvider.GetRequiredService<IConfiguration>();
            var section = config.GetSection("Partners");
            pipeline.AddTimeout(section.GetValue("TotalTimeout", TimeSpan.FromSeconds(15)));
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = section.GetValue("Retries", 2),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = section.GetValue("RetryDelay", TimeSpan.FromMilliseconds(200)),
                ShouldHandle = args => ValueTask.FromResult(IsRepeatable(args.Context) && IsTransient(args.Outcome)),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = section.GetValue("BreakerMinimumThroughput", 5),
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = section.GetValue("BreakDuration", TimeSpan.FromSeconds(30)),
            });
            pipeline.AddTimeout(section.GetValue("AttemptTimeout", TimeSpan.FromSeconds(5)));
        });
        return builder;
    }

    private static bool IsRepeatable(ResilienceContext context)
    {
        var request = context.GetRequestMessage();
        if (request is null)
            return false;
        if (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head)
            return true;
        return request.Options.TryGetValue(Repeatable, out var repeatable) && repeatable;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or >= HttpStatusCode.InternalServerError;

    /// <summary>True when a partner call failed because the partner is down, slow or refusing, not because of what we sent.</summary>
    public static bool IsUnavailable(Exception e) =>
        e is HttpRequestException or BrokenCircuitException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException
        || e is PartnerRefusedException { Status: >= 500 or 408 or 429 };
}

/// <summary>A partner answered, but not with success; 5xx means it is in trouble, 4xx that it refused what we sent.</summary>
public sealed class PartnerRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
