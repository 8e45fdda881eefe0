using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

/// <summary>
/// Operators' changes to on-hand stock, each one conditional UPDATE with its guard in the WHERE
/// (never below what orders have reserved, never below zero), recorded in the stock history and
/// the audit log in the same transaction.
/// </summary>
internal sealed class AdjustStock(ShopDb db, IHttpContextAccessor http, IAuditLog audit, TimeProvider clock)
{
    private const int MaxOnHand = IInventory.MaxOnHand;
    private string By => http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system";

    public async Task<Result<StockSnapshot>> AdjustAsync(int productId, int change, string? reason, CancellationToken ct)
    {
        var errors = new FieldErrors();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            errors.Add("reason", "Say why the stock changes (received, damaged, counted …).");
        else if (reason.Length > 500)
            errors.Add("reason", "The reason can be at most 500 characters.");
        if (change == 0 || Math.Abs((long)change) > MaxOnHand)
            errors.Add("change", $"The change must be a non-zero number of units, at most {MaxOnHand} either way.");
        if (errors.Any)
            return Problem.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Set<StockLevel>()
            .Where(s => s.ProductId == productId && s.OnHand + change >= s.Reserved && s.OnHand + change >= 0
                        && s.OnHand + change <= MaxOnHand)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnHand, s => s.OnHand + change), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Set<StockLevel>().AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == productId, ct);
        if (current is null)
            return Problem.NotFound("Stock of this product");
        if (moved == 0)
            return Problem.Invalid(new FieldErrors().Add("change",
                $"On hand is {current.OnHand} with {current.Reserved} reserved: it cannot become {current.OnHand + (long)change}."));
        Record(productId, change, reason, now);
        audit.Record("stock.adjusted", $"product {productId} {current.Sku}", $"{change:+#;-#} → on hand {current.OnHand}: {reason}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new StockSnapshot(current.ProductId, current.Sku, current.OnHand, current.Reserved, current.LowStockThreshold);
    }

    /// <summary>The product editor's "stock" field: a new on-hand figure, recorded as the difference it makes.</summary>
    public async Task<Result<StockSnapshot>> SetOnHandAsync(int productId, string sku, int onHand, CancellationToken ct)
    {
        if (onHand is < 0 or > MaxOnHand)
            return Problem.Invalid(new FieldErrors().Add("stock", $"Stock must be between 0 and {MaxOnHand}."));
        var now = clock.GetUtcNow().UtcDateTime;
        // Read, then update only if nobody changed on-hand meanwhile, so the recorded difference is exact.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = await db.Set<StockLevel>().AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == productId, ct);
            if (before is null)
                return await CreateAsync(productId, sku, onHand, now, ct);
            var changed = await db.Set<StockLevel>()
                .Where(s => s.ProductId == productId && s.OnHand == before.OnHand && s.Reserved <= onHand)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnHand, onHand).SetProperty(s => s.Sku, sku), ct);
            if (changed == 1)
            {
                if (onHand != before.OnHand)
                {
                    Record(productId, onHand - before.OnHand, "set in the product editor", now);
                    await db.SaveChangesAsync(ct);
                }
                return new StockSnapshot(productId, sku, onHand, before.Reserved, before.LowStockThreshold);
            }
            var latest = await db.Set<StockLevel>().AsNoTracking().SingleAsync(s => s.ProductId == productId, ct);
            if (latest.Reserved > onHand)
                return Problem.Invalid(new FieldErrors().Add("stock",
                    $"Stock cannot be set below the {latest.Reserved} unit(s) already reserved by orders."));
        }
        return Problem.Conflict("The stock kept changing while it was being set; try again.");
    }

    private async Task<Result<StockSnapshot>> CreateAsync(int productId, string sku, int onHand, DateTime now, CancellationToken ct)
    {
        db.Add(new StockLevel { ProductId = productId, Sku = sku, OnHand = onHand });
        if (onHand != 0)
            Record(productId, onHand, "first stock", now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Problem.Conflict("The stock row was created by someone else at the same moment; try again.");
        }
        return new StockSnapshot(productId, sku, onHand, 0);
    }

    private void Record(int productId, int change, string? reason, DateTime at) =>
        db.Add(new StockMovement
        {
            ProductId = productId, Kind = StockMovementKind.Adjusted, OnHandChange = change, Reason = reason, By = By, At = at,
        });
}
