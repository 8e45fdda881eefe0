using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// On first start (no categories yet) fills the shop: 6 departments, 24 aisles and 200 products
/// with Chinese and English names and stock. Seed:DemoCatalog=false keeps a fresh shop empty.
/// </summary>
public sealed class SeedDemoCatalog(ShopDb db, IInventory inventory, CategoryTree tree, TimeProvider clock,
    IConfiguration config, ILogger<SeedDemoCatalog> log) : IStartupTask
{
    public const int DemoProducts = 200;
    public int Order => 20;

    public async Task RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        if (!config.GetValue("Seed:DemoCatalog", true) || await db.Set<Category>().AnyAsync(ct))
            return;
        var aisles = await SeedCategoriesAsync(ct);
        var random = new Random(20261111);
        var now = clock.GetUtcNow().UtcDateTime;
        var products = new List<(Product Product, int Stock)>();
        for (var i = 0; i < DemoProducts; i++)
        {
            var (aisle, categoryId) = aisles[i % aisles.Count];
            var g = DemoCatalog.Make(aisle, $"BZ-{aisle.Slug.ToUpperInvariant()}-{i + 1:D4}", random);
            var p = new Product
            {
                Sku = g.Sku, NameZh = g.NameZh, NameEn = g.NameEn, DescriptionZh = g.DescriptionZh,
                DescriptionEn = g.DescriptionEn, Price = g.Price, Currency = "CNY", CategoryId = categoryId,
                IsPublished = true, CreatedAt = now.AddMinutes(-i), UpdatedAt = now,
            };
            p.RefreshSearchText();
            products.Add((p, g.Stock));
        }
        db.AddRange(products.Select(p => p.Product));
        await db.SaveChangesAsync(ct);
        await inventory.StockNewProductsAsync(products.Select(p => new NewStock(p.Product.Id, p.Product.Sku, p.Stock)).ToList(), ct);
        await tree.InvalidateAsync(ct);
        log.LogInformation("Seeded the demo catalog: {Categories} categories, {Products} products.",
            aisles.Count + DemoCatalog.Departments.Length, products.Count);
    }

    /// <summary>Creates the departments and aisles; returns each aisle with its new id.</summary>
    public async Task<List<(DemoCatalog.Aisle Aisle, int Id)>> SeedCategoriesAsync(CancellationToken ct)
    {
        var result = new List<(DemoCatalog.Aisle, int)>();
        var order = 0;
        foreach (var d in DemoCatalog.Departments)
        {
            var department = new Category { Slug = d.Slug, NameZh = d.Zh, NameEn = d.En, SortOrder = order++ };
            db.Add(department);
            await db.SaveChangesAsync(ct);
            var aisleOrder = 0;
            foreach (var a in d.Aisles)
            {
                var aisle = new Category { Slug = a.Slug, NameZh = a.Zh, NameEn = a.En, ParentId = department.Id, SortOrder = aisleOrder++ };
                db.Add(aisle);
                await db.SaveChangesAsync(ct);
                result.Add((a, aisle.Id));
            }
        }
        await tree.InvalidateAsync(ct);
        return result;
    }
}
