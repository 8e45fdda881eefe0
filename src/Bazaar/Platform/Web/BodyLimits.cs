using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Bazaar.Platform.Web;

/// <summary>
/// How big a body the shop reads: what an endpoint declares (a photo 5 MB, a CSV import more), else 1 MB
/// on the API (an order, an address, a list of product ids are a few kilobytes), else the server's own
/// limit. A body announced bigger is answered 413 before a byte is read (ProblemDetails on the API, the
/// status page on the pages); a chunked body that grows past the limit meets the server's own stop,
/// which <see cref="BadRequestExceptionHandler"/> answers with the same 413.
/// </summary>
public static class BodyLimits
{
    public const long ApiDefault = 1024 * 1024;

    /// <summary>After routing: the endpoint's own limit is in its metadata.</summary>
    public static WebApplication UseBodyLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                ?? (WebModule.IsApi(http) ? ApiDefault : null);
            if (limit is { } max)
            {
                if (http.Request.ContentLength > max)
                {
                    if (WebModule.IsApi(http))
                        await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
                            detail: $"This address takes at most {max:N0} bytes; the request announced {http.Request.ContentLength:N0}.").ExecuteAsync(http);
                    else
                        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
                    server.MaxRequestBodySize = max;
            }
            await next(http);
        });
        return app;
    }
}
