using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Catalog;

public sealed record CategoryNode(int Id, int? ParentId, string Slug, string NameZh, string NameEn, int SortOrder,
    IReadOnlyList<CategoryNode> Children)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}

/// <summary>
/// The category tree, read on nearly every page, so it is cached (memory, plus Redis when
/// configured) and dropped on every instance whenever a category changes.
/// </summary>
public sealed class CategoryTree(IFusionCache cache, IServiceScopeFactory scopes, Microsoft.AspNetCore.OutputCaching.IOutputCacheStore pages)
{
    private const string Key = "catalog:categories:v2";

    public async Task<IReadOnlyList<CategoryNode>> RootsAsync(CancellationToken ct = default) =>
        await cache.GetOrSetAsync<List<CategoryNode>>(Key, async (_, token) => await LoadAsync(token), token: ct);

    public async Task<CategoryNode?> FindAsync(int id, CancellationToken ct = default) =>
        Flatten(await RootsAsync(ct)).FirstOrDefault(c => c.Id == id);

    public async Task<IReadOnlyList<CategoryNode>> AllAsync(CancellationToken ct = default) =>
        Flatten(await RootsAsync(ct)).ToList();

    /// <summary>The category and everything under it: a department page lists its aisles' products.</summary>
    public static List<int> SelfAndDescendants(CategoryNode node) => Flatten([node]).Select(c => c.Id).ToList();

    public async Task InvalidateAsync(CancellationToken ct = default)
    {
        await cache.RemoveAsync(Key, token: ct);
        await pages.EvictByTagAsync(Bazaar.Platform.Caching.CatalogPageCache.Tag, ct);
    }

    private static IEnumerable<CategoryNode> Flatten(IEnumerable<CategoryNode> nodes) =>
        nodes.SelectMany(n => new[] { n }.Concat(Flatten(n.Children)));

    private async Task<List<CategoryNode>> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var rows = await db.Set<Category>().AsNoTracking().ToListAsync(ct);
        List<CategoryNode> ChildrenOf(int? parent) => rows
            .Where(r => r.ParentId == parent)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Id)
            .Select(r => new CategoryNode(r.Id, r.ParentId, r.Slug, r.NameZh, r.NameEn, r.SortOrder, ChildrenOf(r.Id)))
            .ToList();
        return ChildrenOf(null);
    }
}
