using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>A product's pictures: upload (resized to the standard sizes), choose the main one, remove.</summary>
[Authorize(Roles = Roles.Admin)]
[RequestSizeLimit(PhotoSizes.MaxBytes + 64 * 1024)]
public sealed class ProductPhotosModel(ShopDb db, ManageProductPhotos photos, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public Product Product { get; private set; } = null!;
    public List<PhotoView> Photos { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            ModelState.AddModelError("file", t["Choose a picture to upload."]);
        else if (file.Length > PhotoSizes.MaxBytes)
            ModelState.AddModelError("file", t["A picture can be at most {0} MB.", PhotoSizes.MaxBytes / 1024 / 1024]);
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var added = await photos.AddAsync(id, buffer.ToArray(), ct);
            if (added.Succeeded)
            {
                TempData["Notice"] = t["Picture added."].Value;
                return RedirectToPage(new { id });
            }
            if (added.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            added.Problem.CopyTo(ModelState, t, "");
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostMainAsync(int id, Guid photoId, CancellationToken ct) =>
        await photos.MakeMainAsync(id, photoId, ct) ? RedirectToPage(new { id }) : NotFound();

    public async Task<IActionResult> OnPostRemoveAsync(int id, Guid photoId, CancellationToken ct) =>
        await photos.RemoveAsync(id, photoId, ct) ? RedirectToPage(new { id }) : NotFound();

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } product)
            return false;
        Product = product;
        Photos = await photos.ListAsync(id, ct);
        return true;
    }
}
