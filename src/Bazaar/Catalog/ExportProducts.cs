using Bazaar.Inventory;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// Every product, published or not, as the CSV that <see cref="ImportProducts"/> reads
/// (<see cref="ProductCsv"/>): edit it in a spreadsheet and import it back. Streamed a page at a
/// time in id order, so a catalog of millions never sits in memory. Stock is on-hand, the figure
/// import sets, not what is available after reservations.
/// </summary>
public sealed class ExportProducts(ShopDb db, IInventory inventory, IAuditLog audit)
{
    private const int PageSize = 1_000;

    /// <param name="by">Who exports, for the audit log; null takes the signed-in operator of the request.</param>
    public async Task<int> HandleAsync(Stream output, ImportActor? by, CancellationToken ct)
    {
        var slugs = await db.Set<Category>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, ct);
        var count = 0;
        await using (var csv = CsvWriter.Create(output, ProductCsv.WriterOptions, leaveOpen: true))
        {
            await csv.WriteRecordAsync(ProductCsv.Columns, ct);
            var after = 0;
            while (true)
            {
                var page = await db.Set<Product>().AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(PageSize)
                    .ToListAsync(ct);
                if (page.Count == 0)
                    break;
                foreach (var p in page)
                {
                    // Inventory answers per product: its contract has no on-hand figure for many at once.
                    var stock = await inventory.GetAsync(p.Id, ct);
                    await csv.WriteRecordAsync([
                        p.Sku, p.NameZh, p.NameEn, p.DescriptionZh, p.DescriptionEn, ProductCsv.FormatPrice(p.Price),
                        slugs.GetValueOrDefault(p.CategoryId, ""), stock?.OnHand.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                        ProductCsv.FormatPublished(p.IsPublished),
                    ], ct);
                }
                count += page.Count;
                after = page[^1].Id;
            }
        }
        // The whole catalog leaving the shop is worth a line in the record, like an import.
        await audit.RecordNowAsync("product.exported", "products", $"{count} products", ct, by?.Id, by?.Name);
        return count;
    }
}
