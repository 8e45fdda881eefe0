using Bazaar.Accounts;
using Bazaar.Platform.Web;

namespace Bazaar.Catalog;

public static class CatalogEndpoints
{
    public sealed record CategoryResponse(int Id, int? ParentId, string Slug, string Name, string NameZh, string NameEn,
        IReadOnlyList<CategoryResponse> Children)
    {
        public static CategoryResponse From(CategoryNode n, bool zh) =>
            new(n.Id, n.ParentId, n.Slug, n.Name(zh), n.NameZh, n.NameEn, n.Children.Select(c => From(c, zh)).ToList());
    }

    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Catalog").AllowAnonymous();

        api.MapGet("/categories", async (CategoryTree tree, CancellationToken ct) =>
            Results.Ok((await tree.RootsAsync(ct)).Select(c => CategoryResponse.From(c, ShopCulture.IsChinese))))
            .WithSummary("The category tree (departments and their aisles)")
            .Produces<List<CategoryResponse>>();

        api.MapGet("/products", async (string? q, int? category, string? sort, int? page, int? pageSize,
                decimal? minPrice, decimal? maxPrice, BrowseProducts browse, CancellationToken ct) =>
            {
                var query = new ProductQuery(q, category, sort, page ?? 1, pageSize ?? BrowseProducts.DefaultPageSize, minPrice, maxPrice);
                var outcome = await browse.HandleAsync(query, ShopCulture.IsChinese, ct);
                return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
            })
            .WithSummary("Published products, searched, filtered by category, sorted and paged")
            .WithDescription("q: keywords (Chinese or Latin; a misspelt word is corrected when nothing matches, see searchedFor). " +
                "sort: relevance (default with q), newest (default), price_asc, price_desc, sales. pageSize 1..100. " +
                "minPrice (inclusive) and maxPrice (exclusive) in CNY. With q, facets counts the matches per category and price band.")
            .Produces<ProductPage>().ProducesValidationProblem();

        api.MapGet("/products/{id:int}", async (int id, GetProduct get, CancellationToken ct) =>
                await get.HandleAsync(id, ShopCulture.IsChinese, includeUnpublished: false, ct) is { } p
                    ? Results.Ok(p)
                    : Problem.NotFound("Product").ToHttpResult())
            .WithSummary("One published product")
            .Produces<ProductDetail>().ProducesProblem(StatusCodes.Status404NotFound);

        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin: catalog").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapPost("/products", async (SaveProductRequest r, SaveProduct save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(null, r, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/products/{outcome.Value!.Id}", new { outcome.Value.Id, outcome.Value.Sku })
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Create a product").ProducesValidationProblem();

        admin.MapPut("/products/{id:int}", async (int id, SaveProductRequest r, SaveProduct save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(id, r, ct);
            return outcome.Succeeded ? Results.NoContent() : outcome.Problem!.ToHttpResult();
        }).WithSummary("Change a product").ProducesValidationProblem().ProducesProblem(404);

        admin.MapPost("/products/{id:int}/unpublish", async (int id, PublishProduct publish, CancellationToken ct) =>
            await publish.HandleAsync(id, false, ct) ? Results.NoContent() : Problem.NotFound("Product").ToHttpResult())
            .WithSummary("Take a product off the storefront");

        admin.MapPost("/products/{id:int}/publish", async (int id, PublishProduct publish, CancellationToken ct) =>
            await publish.HandleAsync(id, true, ct) ? Results.NoContent() : Problem.NotFound("Product").ToHttpResult())
            .WithSummary("Put a product on the storefront");

        admin.MapPost("/categories", async (SaveCategoryRequest r, SaveCategory save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(null, r, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/categories", new { outcome.Value!.Id, outcome.Value.Slug })
                : outcome.Problem!.ToHttpResult();
        }).WithSummary("Create a category").ProducesValidationProblem();

        admin.MapPut("/categories/{id:int}", async (int id, SaveCategoryRequest r, SaveCategory save, CancellationToken ct) =>
        {
            var outcome = await save.HandleAsync(id, r, ct);
            return outcome.Succeeded ? Results.NoContent() : outcome.Problem!.ToHttpResult();
        }).WithSummary("Rename or move a category").ProducesValidationProblem().ProducesProblem(404);

        admin.MapPost("/categories/{id:int}/move", async (int id, MoveCategoryRequest r, MoveCategory move, CancellationToken ct) =>
        {
            var outcome = await move.HandleAsync(id, r.Direction, ct);
            return outcome.Succeeded ? Results.Ok(new { position = outcome.Value }) : outcome.Problem!.ToHttpResult();
        }).WithSummary("Move a category one place up or down among its siblings").ProducesValidationProblem().ProducesProblem(404);
    }
}
