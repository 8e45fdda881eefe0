using Bazaar.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Catalog.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class CategoriesModel(CategoryTree tree) : PageModel
{
    public IReadOnlyList<CategoryNode> Roots { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Roots = await tree.RootsAsync(ct);
}
