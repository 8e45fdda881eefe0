using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record ProductDetail(int Id, string Sku, string Name, string Description, decimal Price, string Currency,
    int Available, string ImageUrl, int CategoryId, string CategoryName, int? ParentCategoryId, string? ParentCategoryName,
    string NameZh, string NameEn, bool IsPublished);

/// <summary>One product as a shopper sees it; unpublished products are hidden unless the caller may see drafts.</summary>
public sealed class GetProduct(ShopDb db, CategoryTree categories, IInventory inventory)
{
    public async Task<ProductDetail?> HandleAsync(int id, bool chinese, bool includeUnpublished, CancellationToken ct)
    {
        var p = await db.Set<Product>().AsNoTracking()
            .SingleOrDefaultAsync(x => x.Id == id && (includeUnpublished || x.IsPublished), ct);
        if (p is null)
            return null;
        var category = await categories.FindAsync(p.CategoryId, ct);
        var parent = category?.ParentId is { } parentId ? await categories.FindAsync(parentId, ct) : null;
        var stock = await inventory.GetAsync(p.Id, ct);
        return new ProductDetail(p.Id, p.Sku, p.Name(chinese), p.Description(chinese), p.Price, p.Currency,
            stock?.Available ?? 0, p.ImageOrGenerated, p.CategoryId, category?.Name(chinese) ?? "",
            parent?.Id, parent?.Name(chinese), p.NameZh, p.NameEn, p.IsPublished);
    }
}
