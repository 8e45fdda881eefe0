using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>Upload a product CSV; the import runs in the background and its own page follows it.</summary>
[Authorize(Roles = Roles.Admin)]
[RequestSizeLimit(StartProductImport.MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = StartProductImport.MaxFileBytes + 1024 * 1024)]
public sealed class ProductImportModel(StartProductImport start, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var outcome = await start.HandleAsync(file, ProductImportEndpoints.Operator(User), ct);
        if (outcome.Succeeded)
            return Redirect($"/admin/products/import/{outcome.Value}");
        outcome.Problem!.CopyTo(ModelState, t, prefix: "");
        return Page();
    }
}
