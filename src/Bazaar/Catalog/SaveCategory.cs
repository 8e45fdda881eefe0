using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record SaveCategoryRequest(string? Slug, string? NameZh, string? NameEn, int? ParentId, int SortOrder = 0);

/// <summary>
/// An operator adds or renames a category. The tree has two levels: a department (no parent) and
/// its aisles; an aisle cannot have children, and a category cannot be its own parent.
/// </summary>
public sealed class SaveCategory(ShopDb db, CategoryTree tree)
{
    public async Task<Result<Category>> HandleAsync(int? id, SaveCategoryRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("slug", r.Slug, "Slug", 64);
        if (r.Slug is { Length: > 0 } s && !s.Trim().All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            errors.Add("slug", "Slug may contain lower-case Latin letters, digits and '-' only.");
        errors.Required("nameZh", r.NameZh, "Chinese name", 50);
        errors.Required("nameEn", r.NameEn, "English name", 80);
        if (r.ParentId is { } parentId)
        {
            var parent = await tree.FindAsync(parentId, ct);
            if (parent is null)
                errors.Add("parentId", "There is no such parent category.");
            else if (parent.ParentId is not null)
                errors.Add("parentId", "Categories have two levels: the parent must be a top-level category.");
            else if (parentId == id)
                errors.Add("parentId", "A category cannot be its own parent.");
        }
        if (id is { } self && r.ParentId is not null && (await tree.FindAsync(self, ct))?.Children.Count > 0)
            errors.Add("parentId", "This category has sub-categories, so it must stay at the top level.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var slug = r.Slug!.Trim();
        if (await db.Set<Category>().AnyAsync(c => c.Slug == slug && c.Id != (id ?? 0), ct))
            return Problem.Invalid(errors.Add("slug", $"Slug {slug} is already used."));

        Category? category;
        if (id is null)
            db.Add(category = new Category());
        else if ((category = await db.Set<Category>().SingleOrDefaultAsync(c => c.Id == id, ct)) is null)
            return Problem.NotFound("Category");
        category.Slug = slug;
        category.NameZh = r.NameZh!.Trim();
        category.NameEn = r.NameEn!.Trim();
        category.ParentId = r.ParentId;
        category.SortOrder = r.SortOrder;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another operator took the slug a moment ago: the unique index decides, the answer explains.
            return Problem.Invalid(new FieldErrors().Add("slug", $"Slug {slug} is already used."));
        }
        await tree.InvalidateAsync(ct);
        return category;
    }
}
