using Bazaar.Accounts;
using Bazaar.Platform.Web;

namespace Bazaar.Catalog;

public static class ProductBulkEndpoints
{
    public static void MapProductBulkEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/admin/products/publication", async (PublishProductsRequest r, PublishProducts publish, CancellationToken ct) =>
        {
            var outcome = await publish.HandleAsync(r, ct);
            return outcome.Succeeded ? Results.Ok(new { changed = outcome.Value }) : outcome.Problem!.ToHttpResult();
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Admin: products")
          .WithSummary("Publish or unpublish many products at once ({ids, published}); answers how many changed")
          .ProducesValidationProblem();
}
