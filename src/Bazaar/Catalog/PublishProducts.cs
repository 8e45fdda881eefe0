using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record PublishProductsRequest(IReadOnlyList<int>? Ids, bool? Published);

/// <summary>Puts many products on the shelf or takes them off in one statement; each change is audited.</summary>
public sealed class PublishProducts(ShopDb db, IAuditLog audit, TimeProvider clock, ProductCache cache)
{
    public const int MaxBatch = 500;

    public async Task<Result<int>> HandleAsync(PublishProductsRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var ids = request.Ids?.Distinct().ToList() ?? [];
        if (ids.Count == 0)
            errors.Add("ids", "Choose at least one product.");
        else if (ids.Count > MaxBatch)
            errors.Add("ids", $"At most {MaxBatch} products at a time.");
        if (request.Published is null)
            errors.Add("published", "Say whether the products are to be published (true) or taken off (false).");
        if (errors.Any)
            return Problem.Invalid(errors);

        var published = request.Published!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changing = await db.Set<Product>().Where(p => ids.Contains(p.Id) && p.IsPublished != published)
            .Select(p => new { p.Id, p.Sku }).ToListAsync(ct);
        var changed = await db.Set<Product>().Where(p => ids.Contains(p.Id) && p.IsPublished != published)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsPublished, published).SetProperty(p => p.UpdatedAt, now), ct);
        foreach (var p in changing)
            audit.Record(published ? "product.published" : "product.unpublished", $"product {p.Id} {p.Sku}", "in bulk");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await cache.ForgetAsync(changing.Select(p => p.Id), ct);
        return changed;
    }
}
