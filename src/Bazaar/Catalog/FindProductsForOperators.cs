using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record OperatorProductRow(int Id, string Sku, string NameZh, string NameEn, decimal Price, bool IsPublished,
    int CategoryId, DateTime UpdatedAt);

/// <summary>The back office's product list: published or not, by keyword or SKU, newest change first.</summary>
public sealed class FindProductsForOperators(ShopDb db)
{
    public const int PageSize = 50;

    public async Task<(List<OperatorProductRow> Rows, int Total)> HandleAsync(string? q, bool? published, int page, CancellationToken ct)
    {
        var products = db.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q) && q.Length <= BrowseProducts.MaxQuery)
            products = products.Where(p => EF.Functions.Like(p.SearchText, Product.ContainsPattern(q), "\\"));
        if (published is { } flag)
            products = products.Where(p => p.IsPublished == flag);
        var total = await products.CountAsync(ct);
        var rows = await products.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((Math.Clamp(page, 1, BrowseProducts.MaxPage) - 1) * PageSize).Take(PageSize)
            .Select(p => new OperatorProductRow(p.Id, p.Sku, p.NameZh, p.NameEn, p.Price, p.IsPublished, p.CategoryId, p.UpdatedAt))
            .ToListAsync(ct);
        return (rows, total);
    }
}
