using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>Prices are read from the database at the moment of asking; nothing a client sent is used.</summary>
internal sealed class ProductsForSale(ShopDb db) : ICatalog
{
    public async Task<IReadOnlyDictionary<int, ProductForSale>> FindAsync(IReadOnlyCollection<int> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0)
            return new Dictionary<int, ProductForSale>();
        var rows = await db.Set<Product>().AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Sku, p.NameZh, p.NameEn, p.Price, p.Currency, p.IsPublished, p.ImageUrl, p.UpdatedAt })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ProductForSale(r.Id, r.Sku, r.NameZh, r.NameEn, r.Price, r.Currency,
            r.IsPublished, r.ImageUrl ?? Product.GeneratedImageUrl(r.Id, r.UpdatedAt)));
    }
}
