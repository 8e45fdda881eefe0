using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Catalog.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class CategoryEditModel(SaveCategory save, CategoryTree tree, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public sealed class Form
    {
        public string? Slug { get; set; }
        public string? NameZh { get; set; }
        public string? NameEn { get; set; }
        public int? ParentId { get; set; }
        public int SortOrder { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public int? Id { get; private set; }
    public bool IsNew => Id is null;
    public IReadOnlyList<CategoryNode> Roots { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Roots = await tree.RootsAsync(ct);
        if (id is null)
            return Page();
        var c = await tree.FindAsync(id.Value, ct);
        if (c is null)
            return NotFound();
        Input = new Form { Slug = c.Slug, NameZh = c.NameZh, NameEn = c.NameEn, ParentId = c.ParentId, SortOrder = c.SortOrder };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Roots = await tree.RootsAsync(ct);
        ModelState.Remove("Input.SortOrder");
        ModelState.Remove("Input.ParentId");
        var outcome = await save.HandleAsync(id, new SaveCategoryRequest(Input.Slug, Input.NameZh, Input.NameEn, Input.ParentId, Input.SortOrder), ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            outcome.Problem.CopyTo(ModelState, t);
            return Page();
        }
        TempData["Notice"] = t["Saved category {0}.", outcome.Value!.Slug].Value;
        return LocalRedirect("/admin/categories");
    }
}
