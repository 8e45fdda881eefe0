using Bazaar.Inventory;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

public sealed record SaveProductRequest(string? Sku, string? NameZh, string? NameEn, string? DescriptionZh,
    string? DescriptionEn, decimal? Price, int? CategoryId, bool? IsPublished, int? Stock);

/// <summary>
/// An operator creates a product or changes one: names, descriptions, price, category, publication
/// and on-hand stock. Product and stock are committed together or not at all.
/// </summary>
public sealed class SaveProduct(ShopDb db, CategoryTree categories, IInventory inventory, IAuditLog audit, TimeProvider clock, ProductCache cache)
{
    public const decimal MaxPrice = 10_000_000m;

    public static FieldErrors Validate(SaveProductRequest r)
    {
        var errors = new FieldErrors();
        errors.Required("sku", r.Sku, "SKU", Product.MaxSku);
        if (r.Sku is { Length: > 0 } sku && !sku.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors.Add("sku", "SKU may contain Latin letters, digits, '-', '_' and '.' only.");
        errors.Required("nameZh", r.NameZh, "Chinese name", Product.MaxName);
        errors.Required("nameEn", r.NameEn, "English name", Product.MaxName);
        errors.Optional("descriptionZh", r.DescriptionZh, "Chinese description", Product.MaxDescription);
        errors.Optional("descriptionEn", r.DescriptionEn, "English description", Product.MaxDescription);
        if (r.Price is null)
            errors.Add("price", "Price is required.");
        else if (r.Price <= 0 || r.Price > MaxPrice)
            errors.Add("price", $"Price must be more than 0 and at most {MaxPrice:0}.");
        else if (decimal.Round(r.Price.Value, 2) != r.Price.Value)
            errors.Add("price", "Price has at most two decimal places (fen).");
        if (r.CategoryId is null)
            errors.Add("categoryId", "Category is required.");
        // The bound is IInventory's: Catalog sees Inventory only through its contract.
        if (r.Stock is < 0 or > IInventory.MaxOnHand)
            errors.Add("stock", $"Stock must be between 0 and {IInventory.MaxOnHand}.");
        return errors;
    }

    public async Task<Result<Product>> HandleAsync(int? id, SaveProductRequest r, CancellationToken ct)
    {
        var errors = Validate(r);
        if (r.CategoryId is { } cid && await categories.FindAsync(cid, ct) is null)
            errors.Add("categoryId", "There is no such category.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var sku = r.Sku!.Trim();
        if (await db.Set<Product>().AnyAsync(p => p.Sku == sku && p.Id != (id ?? 0), ct))
            return Problem.Invalid(errors.Add("sku", $"SKU {sku} is already used by another product."));

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Product? product;
        string? previousSku = null;
        decimal? previousPrice = null;
        bool? previouslyPublished = null;
        if (id is null)
        {
            product = new Product { CreatedAt = now, Currency = "CNY" };
            db.Add(product);
        }
        else
        {
            product = await db.Set<Product>().SingleOrDefaultAsync(p => p.Id == id, ct);
            if (product is null)
                return Problem.NotFound("Product");
            previousSku = product.Sku;
            previousPrice = product.Price;
            previouslyPublished = product.IsPublished;
        }
        product.Sku = sku;
        product.NameZh = r.NameZh!.Trim();
        product.NameEn = r.NameEn!.Trim();
        product.DescriptionZh = r.DescriptionZh?.Trim() ?? "";
        product.DescriptionEn = r.DescriptionEn?.Trim() ?? "";
        product.Price = r.Price!.Value;
        product.CategoryId = r.CategoryId!.Value;
        // Left out, a new product starts as a draft and an existing one keeps its state: a partial
        // client must not take a product off the shelf by forgetting a field.
        product.IsPublished = r.IsPublished ?? (id is not null && product.IsPublished);
        product.UpdatedAt = now;
        product.RefreshSearchText();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problem.Invalid(new FieldErrors().Add("sku", $"SKU {sku} is already used by another product."));
        }

        var previousStock = id is null ? null : await inventory.GetAsync(product.Id, ct);
        if (r.Stock is { } stock || id is null)
        {
            var stocked = await inventory.SetOnHandAsync(product.Id, sku, r.Stock ?? 0, ct);
            if (!stocked.Succeeded)
                return stocked.Problem!; // disposing the transaction rolls the product back too
        }
        else if (previousSku != sku)
        {
            // Stock rows are unique by SKU too: left behind, the old SKU could not be given to a new product.
            await inventory.ChangeSkuAsync(product.Id, sku, ct);
        }
        Audit(product, id is null, previousPrice, previouslyPublished, previousStock?.OnHand, r.Stock);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await cache.ForgetAsync(product.Id, ct);
        return product;
    }

    /// <summary>Price, publication and stock changes go on the record, in the same transaction as the change.</summary>
    private void Audit(Product product, bool created, decimal? previousPrice, bool? previouslyPublished, int? previousStock, int? stock)
    {
        var target = $"product {product.Id} {product.Sku}";
        if (created)
        {
            audit.Record("product.created", target, $"price {product.Price:0.00}, stock {stock ?? 0}, {(product.IsPublished ? "published" : "draft")}");
            return;
        }
        if (previousPrice != product.Price)
            audit.Record("product.price-changed", target, $"{previousPrice:0.00} → {product.Price:0.00}");
        if (previouslyPublished != product.IsPublished)
            audit.Record(product.IsPublished ? "product.published" : "product.unpublished", target);
        if (stock is { } onHand && previousStock != onHand)
            audit.Record("stock.adjusted", target, $"on hand {previousStock?.ToString() ?? "none"} → {onHand}");
    }
}
