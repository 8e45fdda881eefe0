using System.Security.Claims;
using Bazaar.Accounts;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace Bazaar.Catalog;

/// <summary>The API door to product import and export, for operators: the same handlers as the back-office pages.</summary>
public static class ProductImportEndpoints
{
    public sealed record ImportStarted(Guid Id);

    public sealed record ImportView(Guid Id, string FileName, string State, int Percent, long Bytes, long? TotalBytes, int Rows,
        int Created, int Updated, int Unchanged, int Rejected, IReadOnlyList<RejectedRow>? RejectedRows, string? Stopped, string? Error)
    {
        public static ImportView From(ProductImportStatus s)
        {
            var p = s.Progress;
            var r = s.Report;
            return new ImportView(s.Id, s.FileName, s.State, s.Percent, p?.Bytes ?? 0, p?.TotalBytes, r?.Rows ?? p?.Rows ?? 0,
                r?.Created ?? p?.Created ?? 0, r?.Updated ?? p?.Updated ?? 0, r?.Unchanged ?? p?.Unchanged ?? 0,
                r?.RejectedCount ?? p?.Rejected ?? 0, r?.Rejected, r?.Stopped, s.Error);
        }
    }

    public static void MapProductImportEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/products").WithTags("Admin: catalog")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));

        // The form is read by hand rather than bound: a request that is not multipart, or too big,
        // is then a ProblemDetails of ours. No anti-forgery token is asked for: the auth cookie is
        // SameSite=Lax, so another site's form cannot post here with it, and apps use bearer tokens.
        admin.MapPost("/imports", async (HttpRequest request, StartProductImport start, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                    return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the file as multipart/form-data.",
                        detail: "POST the CSV as the form field 'file' (multipart/form-data).");
                IFormCollection form;
                try
                {
                    form = await request.ReadFormAsync(ct);
                }
                catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The upload is too large.",
                        detail: $"An import takes at most {StartProductImport.MaxFileBytes / 1024 / 1024} MB.");
                }
                var outcome = await start.HandleAsync(form.Files.GetFile("file") ?? form.Files.FirstOrDefault(), Operator(request.HttpContext.User), ct);
                return outcome.Succeeded
                    ? Results.Accepted($"/api/v1/admin/products/imports/{outcome.Value}", new ImportStarted(outcome.Value))
                    : outcome.Problem!.ToHttpResult();
            })
            .WithMetadata(new RequestSizeLimitAttribute(StartProductImport.MaxFileBytes + 1024 * 1024))
            .WithSummary("Import products from a CSV file (runs in the background)")
            .WithDescription("multipart/form-data with the field 'file': UTF-8 CSV with the header " +
                             "sku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published (any order; " +
                             "descriptions, stock and published optional). Creates or updates by SKU. 202 with the import's " +
                             "id and Location; follow it for progress and the report. A file without the required columns, " +
                             "or not UTF-8, is a 400 at once and nothing is imported.")
            .Produces<ImportStarted>(StatusCodes.Status202Accepted).ProducesValidationProblem();

        admin.MapGet("/imports/{id:guid}", async (Guid id, ProductImportQueue queue, CancellationToken ct) =>
                await queue.FindAsync(id, ct) is { } status ? Results.Ok(ImportView.From(status)) : Problem.NotFound("Import").ToHttpResult())
            .WithSummary("An import's progress, then its report")
            .WithDescription("state: queued, running, done or failed. When done, rejectedRows lists every rejected row " +
                             "(line in the file, header = 1; SKU; reason). Any instance of the shop answers: imports are kept in the " +
                             "shop's database, and a finished one for a day.")
            .Produces<ImportView>().ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/export", (ExportProducts export, TimeProvider clock, HttpContext http) =>
                Results.Stream(async body => await export.HandleAsync(body, null, http.RequestAborted),
                    "text/csv; charset=utf-8", $"products-{clock.GetUtcNow():yyyyMMdd-HHmm}.csv"))
            .WithSummary("Every product as CSV, in the format import reads")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    /// <summary>The operator behind a request, for the audit log of an import that runs after the request is gone.</summary>
    public static ImportActor Operator(ClaimsPrincipal user) => new(user.UserId(), user.Actor());
}
