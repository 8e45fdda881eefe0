using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;

namespace Bazaar.FlashSales;

/// <summary>What an operator sends: the product, when (start left out = now; end left out = an hour later), the price and how many units.</summary>
public sealed record CreateFlashSaleRequest(int? ProductId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, decimal? Price, int? Quantity);

/// <summary>
/// An operator puts a product on flash sale. The sale, its audit entry and the Inventory hold of its
/// units commit together: from then on ordinary orders cannot take those units, so the sale can never
/// sell a unit the shelf does not have, and the shelf never sells one the sale promised.
/// </summary>
public sealed class CreateFlashSale(ShopDb db, ICatalog catalog, IInventory inventory, IAuditLog audit, TimeProvider clock)
{
    public const int MaxQuantity = 100_000;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1), MinDuration = TimeSpan.FromMinutes(1),
        MaxDuration = TimeSpan.FromDays(7),
        MaxAhead = TimeSpan.FromDays(365), ClockSkew = TimeSpan.FromMinutes(1);

    public static FieldErrors Validate(CreateFlashSaleRequest r, DateTime now)
    {
        var errors = new FieldErrors();
        if (r.ProductId is null or <= 0)
            errors.Add("productId", "productId is required.");
        if (r.Price is null)
            errors.Add("price", "price is required.");
        else if (r.Price <= 0)
            errors.Add("price", "The flash price must be more than 0.");
        else if (decimal.Round(r.Price.Value, 2) != r.Price.Value)
            errors.Add("price", "The price has at most two decimal places (fen).");
        if (r.Quantity is null or < 1 or > MaxQuantity)
            errors.Add("quantity", $"quantity must be between 1 and {MaxQuantity}.");
        var starts = r.StartsAt?.UtcDateTime ?? now;
        // "Now" as the operator's clock saw it a moment ago is still now.
        if (starts < now - ClockSkew)
            errors.Add("startsAt", "A flash sale starts now or later, not in the past.");
        else if (starts > now + MaxAhead)
            errors.Add("startsAt", "A flash sale starts within a year.");
        if (r.EndsAt is { } ends && (ends.UtcDateTime - starts < MinDuration || ends.UtcDateTime - starts > MaxDuration))
            errors.Add("endsAt", $"endsAt must be at least a minute after startsAt and at most {MaxDuration.TotalDays:0} days after it.");
        return errors;
    }

    public async Task<Result<FlashSaleView>> HandleAsync(CreateFlashSaleRequest r, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Validate(r, now);
        if (errors.Any)
            return Problem.Invalid(errors);
        var productId = r.ProductId!.Value;
        var product = (await catalog.FindAsync([productId], ct)).GetValueOrDefault(productId);
        if (product is null)
            return Problem.Invalid(errors.Add("productId", $"There is no product {productId}."));
        if (!product.IsPublished)
            errors.Add("productId", "The product is not published: publish it first, or shoppers could not buy it.");
        if (r.Price >= product.Price)
            errors.Add("price", $"The flash price must be below the product's price ({product.Price:0.00}).");
        var available = (await inventory.GetAvailableAsync([productId], ct)).GetValueOrDefault(productId);
        if (r.Quantity > available)
            errors.Add("quantity", $"Only {available} unit(s) of this product are available.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var starts = Seconds(r.StartsAt?.UtcDateTime ?? now);
        var sale = new FlashSale
        {
            Id = Guid.CreateVersion7(), ProductId = productId, Sku = product.Sku, Price = r.Price!.Value, ListPrice = product.Price,
            Quantity = r.Quantity!.Value, StartsAt = starts, EndsAt = Seconds(r.EndsAt?.UtcDateTime ?? starts + DefaultDuration),
            CreatedAt = now, CreatedBy = by.Length > 100 ? by[..100] : by,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(sale);
        audit.Record("flash-sale.created", $"flash sale {sale.Id}",
            $"product {productId} {product.Sku}: {sale.Quantity} unit(s) at {sale.Price:0.00} (list {sale.ListPrice:0.00}), "
            + $"{sale.StartsAt:yyyy-MM-dd HH:mm:ss} to {sale.EndsAt:yyyy-MM-dd HH:mm:ss} UTC");
        // Saves the sale and its audit entry with the hold, or nothing: a concurrent order may have taken the units.
        if (!await inventory.HoldAsync(sale.Id, productId, sale.Quantity, $"flash sale {sale.Id}", ct))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var left = (await inventory.GetAvailableAsync([productId], ct)).GetValueOrDefault(productId);
            return Problem.Invalid(new FieldErrors().Add("quantity", $"Only {left} unit(s) of this product are available."));
        }
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return FlashSaleView.From(sale, now);
    }

    /// <summary>Whole seconds: a sale starts "at 20:00:00", and the answer reads the same from either database.</summary>
    private static DateTime Seconds(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
