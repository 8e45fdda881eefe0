using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>Takes a product off the storefront or puts it back, without touching anything else.</summary>
public sealed class PublishProduct(ShopDb db, TimeProvider clock)
{
    public async Task<bool> HandleAsync(int id, bool published, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Set<Product>().Where(p => p.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, published).SetProperty(p => p.UpdatedAt, now), ct) == 1;
    }
}
