using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>Takes a product off the storefront or puts it back, without touching anything else.</summary>
public sealed class PublishProduct(ShopDb db, IAuditLog audit, TimeProvider clock, ProductCache cache)
{
    public async Task<bool> HandleAsync(int id, bool published, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var sku = await db.Set<Product>().Where(p => p.Id == id).Select(p => p.Sku).SingleOrDefaultAsync(ct);
        var moved = await db.Set<Product>().Where(p => p.Id == id && p.IsPublished != published)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, published).SetProperty(p => p.UpdatedAt, now), ct) == 1;
        if (moved)
        {
            audit.Record(published ? "product.published" : "product.unpublished", $"product {id} {sku}");
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        if (moved)
            await cache.ForgetAsync(id, ct);
        return sku is not null;
    }
}
