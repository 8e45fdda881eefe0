using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Bazaar.Platform.Web;

public static class ProblemResults
{
    /// <summary>The API door: a problem becomes RFC 9457 ProblemDetails, with field errors when there are any.</summary>
    public static IResult ToHttpResult(this Problem problem) =>
        problem.RetryAfter is { } until ? new RetryAfterResult(ToProblemResult(problem), until) : ToProblemResult(problem);

    private static IResult ToProblemResult(Problem problem) =>
        problem.Errors is { Count: > 0 }
            ? Results.ValidationProblem(problem.Errors.ToDictionary(e => e.Key, e => e.Value),
                detail: problem.Detail, title: problem.Title, statusCode: problem.Status,
                extensions: problem.Extensions?.ToDictionary(e => e.Key, e => e.Value))
            : Results.Problem(detail: problem.Detail, title: problem.Title, statusCode: problem.Status,
                extensions: problem.Extensions?.ToDictionary(e => e.Key, e => e.Value));

    /// <summary>The page door: field errors land next to their inputs (prefix = the bound model's name).</summary>
    public static void CopyTo(this Problem problem, ModelStateDictionary modelState, string prefix = "Input")
    {
        if (problem.Errors is { Count: > 0 })
        {
            foreach (var (field, messages) in problem.Errors)
            {
                var key = field.Length == 0 ? string.Empty
                    : (prefix.Length == 0 ? "" : prefix + ".") + char.ToUpperInvariant(field[0]) + field[1..];
                foreach (var message in messages)
                    modelState.AddModelError(key, message);
            }
        }
        else
        {
            modelState.AddModelError(string.Empty, problem.Detail ?? problem.Title);
        }
    }
}

internal sealed class RetryAfterResult(IResult inner, DateTimeOffset until) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var seconds = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(http);
    }
}
