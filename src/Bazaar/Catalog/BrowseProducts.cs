using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record ProductQuery(string? Q = null, int? Category = null, string? Sort = null, int Page = 1,
    int PageSize = BrowseProducts.DefaultPageSize);

public sealed record ProductSummary(int Id, string Sku, string Name, decimal Price, string Currency, int Available,
    string ImageUrl);

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The storefront's listing: published products, optionally in a category (and its sub-categories)
/// and matching a keyword, sorted and paged by the database.
/// </summary>
public sealed class BrowseProducts(ShopDb db, CategoryTree categories, IInventory inventory)
{
    public const int DefaultPageSize = 24, MaxPageSize = 100, MaxPage = 10_000, MaxQuery = 100;
    public static readonly string[] Sorts = ["relevance", "newest", "price_asc", "price_desc"];

    public static FieldErrors Validate(ProductQuery q)
    {
        var errors = new FieldErrors();
        if (q.Page is < 1 or > MaxPage)
            errors.Add("page", $"page must be between 1 and {MaxPage}.");
        if (q.PageSize is < 1 or > MaxPageSize)
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        if (q.Q is { Length: > MaxQuery })
            errors.Add("q", $"q must be at most {MaxQuery} characters.");
        if (q.Sort is not null && !Sorts.Contains(q.Sort))
            errors.Add("sort", $"sort must be one of: {string.Join(", ", Sorts)}.");
        return errors;
    }

    public async Task<Result<ProductPage>> HandleAsync(ProductQuery query, bool chinese, CancellationToken ct)
    {
        var errors = Validate(query);
        if (errors.Any)
            return Problem.Invalid(errors);

        var products = db.Set<Product>().AsNoTracking().Where(p => p.IsPublished);
        if (query.Category is { } categoryId)
        {
            var node = await categories.FindAsync(categoryId, ct);
            if (node is null)
                return Problem.Invalid(errors.Add("category", $"There is no category {categoryId}."));
            var ids = CategoryTree.SelfAndDescendants(node);
            products = products.Where(p => ids.Contains(p.CategoryId));
        }

        var keyword = query.Q?.Trim();
        if (!string.IsNullOrEmpty(keyword))
        {
            var pattern = Product.ContainsPattern(keyword);
            products = products.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\"));
        }

        var total = await products.CountAsync(ct);
        var sort = query.Sort ?? (string.IsNullOrEmpty(keyword) ? "newest" : "relevance");
        products = sort switch
        {
            "price_asc" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
            "price_desc" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
            "relevance" when !string.IsNullOrEmpty(keyword) => OrderByRelevance(products, keyword),
            _ => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };

        var rows = await products.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new { p.Id, p.Sku, p.NameZh, p.NameEn, p.Price, p.Currency, p.ImageUrl, p.UpdatedAt })
            .ToListAsync(ct);
        var available = await inventory.GetAvailableAsync(rows.Select(r => r.Id).ToList(), ct);
        var items = rows.Select(r => new ProductSummary(r.Id, r.Sku, chinese ? r.NameZh : r.NameEn, r.Price, r.Currency,
            available.GetValueOrDefault(r.Id), r.ImageUrl ?? Product.GeneratedImageUrl(r.Id, r.UpdatedAt))).ToList();
        return new ProductPage(items, total, query.Page, query.PageSize);
    }

    // A hit in the name outranks a hit only in the description; then newest first.
    private static IQueryable<Product> OrderByRelevance(IQueryable<Product> products, string keyword)
    {
        var pattern = Product.ContainsPattern(keyword);
        return products
            .OrderByDescending(p => EF.Functions.Like(p.NameZh.ToLower(), pattern, "\\") ||
                                    EF.Functions.Like(p.NameEn.ToLower(), pattern, "\\"))
            .ThenByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id);
    }
}
