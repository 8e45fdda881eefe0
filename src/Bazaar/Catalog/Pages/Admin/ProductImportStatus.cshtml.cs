using Bazaar.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>An import's progress while it runs (wwwroot/js/product-import.js keeps it current), then its report.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ProductImportStatusModel(ProductImportQueue queue) : PageModel
{
    public ProductImportStatus Status { get; private set; } = null!;

    public IActionResult OnGet(Guid id)
    {
        if (queue.Find(id) is not { } job)
            return NotFound();
        Status = job.Status;
        return Page();
    }
}
