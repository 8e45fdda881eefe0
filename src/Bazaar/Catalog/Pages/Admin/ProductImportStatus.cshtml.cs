using System.Text.Encodings.Web;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

/// <summary>An import's progress while it runs (wwwroot/js/product-import.js keeps it current), then its report.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class ProductImportStatusModel(ProductImportQueue queue, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public ProductImportStatus Status { get; private set; } = null!;

    /// <summary>What the progress script calls each state, in the page's language: the script holds no words.</summary>
    public string StateNames { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await queue.FindAsync(id, ct) is not { } status)
            return NotFound();
        Status = status;
        string[] states = [ProductImportStatus.Queued, ProductImportStatus.Running, ProductImportStatus.Done, ProductImportStatus.Failed];
        StateNames = JsonSerializer.Serialize(states.ToDictionary(s => s, t.ImportState),
            new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
        return Page();
    }
}
