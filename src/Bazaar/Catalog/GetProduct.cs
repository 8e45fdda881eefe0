using Bazaar.Inventory;
using Bazaar.Platform.Data;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Catalog;

public sealed record ProductDetail(int Id, string Sku, string Name, string Description, decimal Price, string Currency,
    int Available, string ImageUrl, int CategoryId, string CategoryName, int? ParentCategoryId, string? ParentCategoryName,
    string NameZh, string NameEn, bool IsPublished);

/// <summary>
/// One product as a shopper sees it; unpublished products are hidden unless the caller may see drafts.
/// The product comes from the cache (changes reach every instance at once); the units available are
/// read afresh at most once a second per instance, because every sale changes them and a sale of a
/// hot product would otherwise empty the cache as fast as it fills. The reservation at checkout,
/// not this figure, decides whether a unit is there.
/// </summary>
public sealed class GetProduct(ProductCache products, CategoryTree categories, IInventory inventory, IFusionCache cache)
{
    private static readonly FusionCacheEntryOptions Fresh = new()
    {
        Duration = TimeSpan.FromSeconds(1), Size = 1, SkipDistributedCacheRead = true, SkipDistributedCacheWrite = true, SkipBackplaneNotifications = true,
    };

    public async Task<ProductDetail?> HandleAsync(int id, bool chinese, bool includeUnpublished, CancellationToken ct)
    {
        var p = await products.GetAsync(id, ct);
        if (p is null || !(includeUnpublished || p.IsPublished))
            return null;
        var category = await categories.FindAsync(p.CategoryId, ct);
        var parent = category?.ParentId is { } parentId ? await categories.FindAsync(parentId, ct) : null;
        var available = await cache.GetOrSetAsync<int>(ProductCache.AvailableKey(id),
            async (_, token) => (await inventory.GetAsync(id, token))?.Available ?? 0, options: Fresh, token: ct);
        return new ProductDetail(p.Id, p.Sku, p.Name(chinese), p.Description(chinese), p.Price, p.Currency,
            available, p.ImageOrGenerated, p.CategoryId, category?.Name(chinese) ?? "",
            parent?.Id, parent?.Name(chinese), p.NameZh, p.NameEn, p.IsPublished);
    }
}
