using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record MoveCategoryRequest(string? Direction);

/// <summary>
/// Moves a department or an aisle one place up or down among its siblings, which is the order
/// shoppers see them in. The siblings are renumbered 0, 1, 2 … so gaps and ties left by earlier
/// edits never make a move do nothing.
/// </summary>
public sealed class MoveCategory(ShopDb db, CategoryTree tree, IAuditLog audit)
{
    public async Task<Result<int>> HandleAsync(int id, string? direction, CancellationToken ct)
    {
        if (direction is not ("up" or "down"))
            return Problem.Invalid(new FieldErrors().Add("direction", "Direction must be up or down."));
        var category = await db.Set<Category>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
            return Problem.NotFound("Category");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var siblings = await db.Set<Category>().Where(c => c.ParentId == category.ParentId)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var index = siblings.FindIndex(c => c.Id == id);
        var target = direction == "up" ? index - 1 : index + 1;
        if (target >= 0 && target < siblings.Count)
            (siblings[index], siblings[target]) = (siblings[target], siblings[index]);
        for (var i = 0; i < siblings.Count; i++)
            siblings[i].SortOrder = i;
        audit.Record("category.moved", $"category {category.Slug}", $"{direction}, now {siblings.FindIndex(c => c.Id == id) + 1} of {siblings.Count}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await tree.InvalidateAsync(ct);
        return siblings.FindIndex(c => c.Id == id);
    }
}
