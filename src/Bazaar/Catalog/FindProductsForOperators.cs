using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <param name="Available">Units the shop would still sell (on hand minus reserved); null when the product has no stock row.</param>
public sealed record OperatorProductRow(int Id, string Sku, string NameZh, string NameEn, decimal Price, bool IsPublished,
    int CategoryId, DateTime UpdatedAt, int? Available = null);

/// <summary>What the back office's product list is narrowed to.</summary>
/// <param name="CategoryId">A department (with every aisle under it) or one aisle.</param>
/// <param name="LowStock">Only products at or below their low-stock threshold.</param>
public sealed record ProductListFilter(string? Q = null, int? CategoryId = null, bool? Published = null, bool LowStock = false, int Page = 1);

/// <param name="LowStockCut">More products are low than the filter can list: these are the ones with the fewest available.</param>
public sealed record OperatorProductList(List<OperatorProductRow> Rows, int Total, bool LowStockCut = false);

/// <summary>The back office's product list: published or not, by keyword or SKU, category or low stock, newest change first.</summary>
public sealed class FindProductsForOperators(ShopDb db, CategoryTree tree, IInventory inventory)
{
    public const int PageSize = 50;

    /// <summary>The low-stock filter lists at most this many products, those with the fewest available (FindLowStock's own limit).</summary>
    public const int MaxLowStock = 500;

    public async Task<OperatorProductList> HandleAsync(ProductListFilter f, CancellationToken ct)
    {
        var products = db.Set<Product>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(f.Q) && f.Q.Length <= BrowseProducts.MaxQuery)
            products = products.Where(p => EF.Functions.Like(p.SearchText, Product.ContainsPattern(f.Q), "\\"));
        if (f.Published is { } flag)
            products = products.Where(p => p.IsPublished == flag);
        if (f.CategoryId is { } categoryId)
        {
            // An unknown category (an old bookmark) narrows to nothing rather than to everything.
            var ids = await tree.FindAsync(categoryId, ct) is { } node ? CategoryTree.SelfAndDescendants(node) : [];
            products = products.Where(p => ids.Contains(p.CategoryId));
        }
        var lowStockCut = false;
        if (f.LowStock)
        {
            // Stock is Inventory's: it names the low products, the catalog narrows to them.
            var low = await inventory.FindLowStockAsync(MaxLowStock, ct);
            var ids = low.Items.Select(i => i.ProductId).ToList();
            lowStockCut = low.Count > ids.Count;
            products = products.Where(p => ids.Contains(p.Id));
        }
        var total = await products.CountAsync(ct);
        var rows = await products.OrderByDescending(p => p.UpdatedAt).ThenByDescending(p => p.Id)
            .Skip((Math.Clamp(f.Page, 1, BrowseProducts.MaxPage) - 1) * PageSize).Take(PageSize)
            .Select(p => new OperatorProductRow(p.Id, p.Sku, p.NameZh, p.NameEn, p.Price, p.IsPublished, p.CategoryId, p.UpdatedAt, null))
            .ToListAsync(ct);
        var available = await inventory.GetAvailableAsync(rows.Select(r => r.Id).ToList(), ct);
        return new OperatorProductList(
            rows.Select(r => r with { Available = available.TryGetValue(r.Id, out var units) ? units : null }).ToList(), total, lowStockCut);
    }
}
