using Microsoft.AspNetCore.Diagnostics;

namespace Bazaar.Platform.Web;

/// <summary>
/// Malformed JSON, a non-numeric id in a query string, an oversized body: the client sent it, so it
/// is a 400 with a message, never a 500.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request could not be read.",
                Detail = bad.InnerException is System.Text.Json.JsonException json
                    ? $"The JSON body is invalid: {json.Message}"
                    : bad.Message,
            },
        });
    }
}
