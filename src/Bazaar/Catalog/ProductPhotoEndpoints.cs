using Microsoft.AspNetCore.Mvc;
using Bazaar.Accounts;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public static class ProductPhotoEndpoints
{
    public static void MapProductPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        // A photo id never changes its bytes, so shoppers' browsers and any CDN may keep it for a year.
        app.MapGet("/products/{id:int}/photos/{photoId:guid}/{size}.webp", async (int id, Guid photoId, string size, ShopDb db,
            HttpContext http, CancellationToken ct) =>
        {
            var operatorView = http.User.IsInRole(Roles.Admin);
            var file = await (from f in db.Set<ProductPhotoFile>()
                              join p in db.Set<ProductPhoto>() on f.PhotoId equals p.Id
                              join product in db.Set<Product>() on p.ProductId equals product.Id
                              where f.PhotoId == photoId && f.Size == size && p.ProductId == id && (product.IsPublished || operatorView)
                              select new { f.Bytes, product.IsPublished }).SingleOrDefaultAsync(ct);
            if (file is null)
                return Results.NotFound();
            http.Response.Headers.CacheControl = file.IsPublished ? "public, max-age=31536000, immutable" : "private, no-store";
            return Results.File(file.Bytes, "image/webp");
        }).AllowAnonymous().ExcludeFromDescription();

        var admin = app.MapGroup("/api/v1/admin/products/{id:int}/photos").WithTags("Admin: products")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin));

        admin.MapGet("/", async (int id, ManageProductPhotos photos, CancellationToken ct) => Results.Ok(await photos.ListAsync(id, ct)))
            .WithSummary("A product's pictures, main first, with the URL of each standard size");

        admin.MapPost("/", async (int id, HttpRequest request, ManageProductPhotos photos, CancellationToken ct) =>
        {
            if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files.GetFile("file") is not { } file)
                return Problem.Invalid(new FieldErrors().Add("file", "Send the picture as multipart/form-data in a field named file.")).ToHttpResult();
            if (file.Length > PhotoSizes.MaxBytes)
                return Problem.Invalid(new FieldErrors().Add("file", $"A picture can be at most {PhotoSizes.MaxBytes / 1024 / 1024} MB.")).ToHttpResult();
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var added = await photos.AddAsync(id, buffer.ToArray(), ct);
            return added.Succeeded ? Results.Created(added.Value!.Urls["large"], added.Value) : added.Problem!.ToHttpResult();
        }).DisableAntiforgery() // bearer-token API; the back-office page posts through its own anti-forgery-checked handler
          .WithMetadata(new RequestSizeLimitAttribute(PhotoSizes.MaxBytes + 64 * 1024))
          .WithSummary("Upload a picture (JPEG, PNG or WebP, at most 5 MB); it is resized to the standard sizes");

        admin.MapDelete("/{photoId:guid}", async (int id, Guid photoId, ManageProductPhotos photos, CancellationToken ct) =>
            await photos.RemoveAsync(id, photoId, ct) ? Results.NoContent() : Problem.NotFound("Picture").ToHttpResult())
            .WithSummary("Remove a picture");

        admin.MapPost("/{photoId:guid}/main", async (int id, Guid photoId, ManageProductPhotos photos, CancellationToken ct) =>
            await photos.MakeMainAsync(id, photoId, ct) ? Results.NoContent() : Problem.NotFound("Picture").ToHttpResult())
            .WithSummary("Make a picture the product's main one");
    }
}
