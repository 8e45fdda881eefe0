using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record PhotoView(Guid Id, int Position, int Width, int Height, IReadOnlyDictionary<string, string> Urls);

/// <summary>
/// Adds, removes and reorders a product's pictures. Whatever is first becomes the product's
/// ImageUrl, which every list, the cart and the order pages already show.
/// </summary>
public sealed class ManageProductPhotos(ShopDb db, IAuditLog audit, TimeProvider clock, ProductCache cache)
{
    public const int MaxPhotos = 10;

    public static string Url(int productId, Guid photoId, string size) => $"/products/{productId}/photos/{photoId:N}/{size}.webp";

    public async Task<List<PhotoView>> ListAsync(int productId, CancellationToken ct) =>
        (await db.Set<ProductPhoto>().AsNoTracking().Where(p => p.ProductId == productId).ToListAsync(ct))
            .OrderBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .Select(p => new PhotoView(p.Id, p.Position, p.Width, p.Height,
                PhotoSizes.Sides.Keys.ToDictionary(s => s, s => Url(productId, p.Id, s)))).ToList();

    public async Task<Result<PhotoView>> AddAsync(int productId, byte[] upload, CancellationToken ct)
    {
        if (!await db.Set<Product>().AnyAsync(p => p.Id == productId, ct))
            return Problem.NotFound("Product");
        if (await db.Set<ProductPhoto>().CountAsync(p => p.ProductId == productId, ct) >= MaxPhotos)
            return Problem.Conflict($"A product can have at most {MaxPhotos} pictures; remove one first.");
        var (files, width, height, error) = PhotoSizes.Resize(upload);
        if (error is not null)
            return Problem.Invalid(new FieldErrors().Add("file", error));

        var position = await db.Set<ProductPhoto>().Where(p => p.ProductId == productId).Select(p => (int?)p.Position).MaxAsync(ct) + 1 ?? 0;
        var photo = new ProductPhoto
        {
            Id = Guid.CreateVersion7(), ProductId = productId, Position = position, Width = width, Height = height,
            CreatedAt = clock.GetUtcNow().UtcDateTime, Files = files!,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(photo);
        audit.Record("product.photo-added", $"product {productId}", $"{width}×{height}, {upload.Length / 1024} KB");
        await db.SaveChangesAsync(ct);
        await PointProductAtMainAsync(productId, ct);
        await tx.CommitAsync(ct);
        await cache.ForgetAsync(productId, ct);
        return (await ListAsync(productId, ct)).Single(p => p.Id == photo.Id);
    }

    public async Task<bool> RemoveAsync(int productId, Guid photoId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.Set<ProductPhoto>().Where(p => p.ProductId == productId && p.Id == photoId).ExecuteDeleteAsync(ct) == 1;
        if (!removed)
            return false;
        await db.Set<ProductPhotoFile>().Where(f => f.PhotoId == photoId).ExecuteDeleteAsync(ct); // SQLite may not cascade without FK pragmas
        audit.Record("product.photo-removed", $"product {productId}");
        await db.SaveChangesAsync(ct);
        await PointProductAtMainAsync(productId, ct);
        await tx.CommitAsync(ct);
        await cache.ForgetAsync(productId, ct);
        return true;
    }

    /// <summary>Moves a picture to the front: it becomes the one shoppers see first.</summary>
    public async Task<bool> MakeMainAsync(int productId, Guid photoId, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var photos = await db.Set<ProductPhoto>().Where(p => p.ProductId == productId).OrderBy(p => p.Position).ToListAsync(ct);
        var main = photos.SingleOrDefault(p => p.Id == photoId);
        if (main is null)
            return false;
        var order = photos.Where(p => p.Id != photoId).Prepend(main).ToList();
        for (var i = 0; i < order.Count; i++)
            order[i].Position = i;
        await db.SaveChangesAsync(ct);
        await PointProductAtMainAsync(productId, ct);
        await tx.CommitAsync(ct);
        await cache.ForgetAsync(productId, ct);
        return true;
    }

    private async Task PointProductAtMainAsync(int productId, CancellationToken ct)
    {
        var main = await db.Set<ProductPhoto>().Where(p => p.ProductId == productId).OrderBy(p => p.Position).ThenBy(p => p.CreatedAt)
            .Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        var url = main is { } id ? Url(productId, id, "medium") : null;
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Product>().Where(p => p.Id == productId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.ImageUrl, url).SetProperty(p => p.UpdatedAt, now), ct);
    }
}
