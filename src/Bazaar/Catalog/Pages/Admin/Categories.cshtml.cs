using Bazaar.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class CategoriesModel(CategoryTree tree, MoveCategory move) : PageModel
{
    public IReadOnlyList<CategoryNode> Roots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Roots = await tree.RootsAsync(ct);

    public async Task<IActionResult> OnPostMoveAsync(int id, string direction, CancellationToken ct)
    {
        var outcome = await move.HandleAsync(id, direction, ct);
        return outcome.Succeeded ? RedirectToPage() : NotFound();
    }
}
