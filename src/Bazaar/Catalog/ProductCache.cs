using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Bazaar.Platform.Caching;
using Microsoft.AspNetCore.OutputCaching;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Catalog;

/// <summary>
/// Products as the product page and API read them, cached in every instance (and Redis). Whatever
/// changes a product (editor, publication, pictures, import) calls <see cref="ForgetAsync"/> after
/// its commit; the backplane drops the copy on every other instance. A missing id is remembered
/// briefly too, so a crawler walking ids does not reach the database each time.
/// </summary>
public sealed class ProductCache(IFusionCache cache, IServiceScopeFactory scopes, IOutputCacheStore pages)
{
    private const string AllProducts = "products";
    private static readonly FusionCacheEntryOptions Missing = new() { Duration = TimeSpan.FromSeconds(10), Size = 1 };

    public async Task<Product?> GetAsync(int id, CancellationToken ct = default)
    {
        var product = await cache.GetOrSetAsync<Product?>(Key(id), async (context, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var found = await scope.ServiceProvider.GetRequiredService<ShopDb>().Set<Product>().AsNoTracking()
                .SingleOrDefaultAsync(p => p.Id == id, token);
            if (found is null)
                context.Options.Duration = Missing.Duration;
            return found;
        }, tags: [AllProducts], token: ct);
        return product;
    }

    /// <summary>The product's pictures in their order, as the product page lists them.</summary>
    public async Task<List<PhotoView>> PhotosAsync(int id, CancellationToken ct = default) =>
        await cache.GetOrSetAsync<List<PhotoView>>(PhotosKey(id), async (_, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ManageProductPhotos>().ListAsync(id, token);
        }, tags: [AllProducts], token: ct);

    public async Task ForgetAsync(int id, CancellationToken ct = default)
    {
        await cache.RemoveAsync(Key(id), token: ct);
        await cache.RemoveAsync(PhotosKey(id), token: ct);
        await cache.RemoveAsync(AvailableKey(id), token: ct); // an operator's stock edit shows at once

        await pages.EvictByTagAsync(CatalogPageCache.Tag, ct);
    }

    public async Task ForgetAsync(IEnumerable<int> ids, CancellationToken ct = default)
    {
        foreach (var id in ids)
        {
            await cache.RemoveAsync(Key(id), token: ct);
            await cache.RemoveAsync(PhotosKey(id), token: ct);
        }
        await pages.EvictByTagAsync(CatalogPageCache.Tag, ct);
    }

    /// <summary>After a bulk change (an import of thousands of rows): every product, on every instance.</summary>
    public async Task ForgetAllAsync(CancellationToken ct = default)
    {
        await cache.RemoveByTagAsync(AllProducts, token: ct);
        await pages.EvictByTagAsync(CatalogPageCache.Tag, ct);
    }

    private static string Key(int id) => $"catalog:product:{id}";
    private static string PhotosKey(int id) => $"catalog:photos:{id}";

    /// <summary>The units available as the product page shows them (a second fresh, see GetProduct).</summary>
    public static string AvailableKey(int id) => $"catalog:available:{id}";
}
