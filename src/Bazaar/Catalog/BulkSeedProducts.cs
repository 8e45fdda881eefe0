using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// `bazaar seed --products N`: adds N generated products with stock, for load tests and demos of
/// a big catalog. PostgreSQL takes them by binary COPY; SQLite by one prepared INSERT in one
/// transaction per batch. Each batch (products and their stock rows) commits as a whole, so an
/// interrupted run leaves whole batches behind, never a product without stock. Ids are taken up
/// front so stock rows can be written alongside without reading the products back.
/// </summary>
public sealed class BulkSeedProducts(ShopDb db, IInventory inventory, SeedDemoCatalog demo, TimeProvider clock)
{
    public const int MaxProducts = 10_000_000;
    public const int BatchSize = 10_000;

    public async Task<int> HandleAsync(int count, IProgress<int> progress, CancellationToken ct)
    {
        if (count is < 1 or > MaxProducts)
            throw new ArgumentOutOfRangeException(nameof(count), $"Between 1 and {MaxProducts:N0} products.");

        var aisles = await AislesAsync(ct);
        var random = new Random();
        var run = clock.GetUtcNow().UtcDateTime;
        var stamp = run.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var done = 0;
            while (done < count)
            {
                var size = Math.Min(BatchSize, count - done);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var ids = await BulkInsertProducts.TakeIdsAsync(db, size, ct);
                var stock = new NewStock[size];
                // Generated while COPY streams them, so the client's work overlaps the server's.
                IEnumerable<Product> Generate()
                {
                    for (var i = 0; i < size; i++)
                    {
                        var n = done + i;
                        var (aisle, categoryId) = aisles[n % aisles.Count];
                        // The id makes the SKU unique even for two runs within the same second.
                        var g = DemoCatalog.Make(aisle, $"S{stamp}-{ids[i]:D7}", random);
                        var p = new Product
                        {
                            Id = ids[i], Sku = g.Sku, NameZh = g.NameZh, NameEn = g.NameEn, DescriptionZh = g.DescriptionZh,
                            DescriptionEn = g.DescriptionEn, Price = g.Price, Currency = "CNY", CategoryId = categoryId,
                            IsPublished = true, CreatedAt = run.AddSeconds(-n), UpdatedAt = run,
                        };
                        p.RefreshSearchText();
                        stock[i] = new NewStock(p.Id, p.Sku, g.Stock);
                        yield return p;
                    }
                }
                await BulkInsertProducts.WriteAsync(db, Generate(), ct);
                await inventory.StockNewProductsAsync(stock, ct);
                await tx.CommitAsync(ct);
                done += size;
                progress.Report(done);
            }
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<(DemoCatalog.Aisle, int)>> AislesAsync(CancellationToken ct)
    {
        var bySlug = DemoCatalog.Departments.SelectMany(d => d.Aisles).ToDictionary(a => a.Slug);
        var existing = await db.Set<Category>().AsNoTracking().Where(c => c.ParentId != null).ToListAsync(ct);
        var known = existing.Where(c => bySlug.ContainsKey(c.Slug)).Select(c => (bySlug[c.Slug], c.Id)).ToList();
        return known.Count > 0 ? known : await demo.SeedCategoriesAsync(ct);
    }
}
