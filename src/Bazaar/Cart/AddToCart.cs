using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

public sealed record AddToCartRequest(int? ProductId, int? Quantity);

/// <summary>
/// Puts units of a published product in the cart; adding a product already there adds to its
/// line. The line may not exceed 99 units or what is available right now.
/// </summary>
public sealed class AddToCart(ShopDb db, ICatalog catalog, IInventory inventory, TimeProvider clock)
{
    /// <summary>How often an add retries after losing a race to another add of the same product.</summary>
    private const int Attempts = 5;

    public async Task<Problem?> HandleAsync(CartOwner owner, AddToCartRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.ProductId is null or <= 0)
            errors.Add("productId", "productId is required.");
        if (r.Quantity is null or < 1 or > ShoppingCart.MaxQuantity)
            errors.Add("quantity", $"quantity must be between 1 and {ShoppingCart.MaxQuantity}.");
        if (errors.Any)
            return Problem.Invalid(errors);

        var productId = r.ProductId!.Value;
        var quantity = r.Quantity!.Value;
        var sellable = await SellableAsync(catalog, productId, ct);
        if (sellable is not null)
            return sellable;

        var available = (await inventory.GetAvailableAsync([productId], ct)).GetValueOrDefault(productId);
        var limit = Math.Min(ShoppingCart.MaxQuantity, available);
        var cartId = await FindOrCreateIdAsync(db, owner, clock, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var lines = db.Set<CartLine>().Where(l => l.CartId == cartId && l.ProductId == productId);
        // Touching the cart first locks its row until the commit, so two adds to one cart (two tabs,
        // a double click) take turns: the second sees the line the first inserted instead of
        // colliding with it on the line's key, which the database would log as a failed save.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ShoppingCart>().Where(c => c.Id == cartId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, now), ct);
        for (var attempt = 1; ; attempt++)
        {
            // One conditional UPDATE, never read-then-write: two clicks at the same moment both
            // count, and neither can take the line past 99 or past what is available.
            if (await lines.Where(l => l.Quantity + quantity <= limit)
                    .ExecuteUpdateAsync(u => u.SetProperty(l => l.Quantity, l => l.Quantity + quantity), ct) == 1)
                break;
            var have = await lines.Select(l => (int?)l.Quantity).SingleOrDefaultAsync(ct);
            if ((have ?? 0) + quantity > limit)
                return TooMany(have ?? 0, quantity, available);
            if (attempt == Attempts)
                return Problem.Conflict("The cart changed while adding to it; please try again.");
            if (have is not null)
                continue; // the line appeared after the UPDATE looked: add to it
            if (await db.Set<CartLine>().CountAsync(l => l.CartId == cartId, ct) >= ShoppingCart.MaxLines)
                return Problem.Conflict($"A cart holds at most {ShoppingCart.MaxLines} different products.");
            var line = new CartLine { CartId = cartId, ProductId = productId, Quantity = quantity, AddedAt = now };
            db.Add(line);
            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException)
            {
                // Another request put this product in the cart a moment ago (the line's key): add to that line.
                db.Entry(line).State = EntityState.Detached;
            }
        }
        await tx.CommitAsync(ct);
        return null;
    }

    private static Problem TooMany(int have, int adding, int available) =>
        Problem.Invalid(new FieldErrors().Add("quantity",
            have + adding > ShoppingCart.MaxQuantity
                ? $"A cart line holds at most {ShoppingCart.MaxQuantity} units; you already have {have}."
                : available == 0 ? "This product is sold out." : $"Only {available} available."));

    internal static async Task<Problem?> SellableAsync(ICatalog catalog, int productId, CancellationToken ct)
    {
        var products = await catalog.FindAsync([productId], ct);
        if (!products.TryGetValue(productId, out var p) || !p.IsPublished)
            return Problem.Invalid(new FieldErrors().Add("productId", $"Product {productId} does not exist or is not for sale."));
        return null;
    }

    /// <summary>The owner's cart id, creating the cart when there is none yet.</summary>
    internal static async Task<Guid> FindOrCreateIdAsync(ShopDb db, CartOwner owner, TimeProvider clock, CancellationToken ct)
    {
        if (await Carts.Of(db, owner).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct) is { } id)
            return id;
        var now = clock.GetUtcNow().UtcDateTime;
        var cart = new ShoppingCart
        {
            Id = Guid.CreateVersion7(), CustomerId = owner.CustomerId, GuestToken = owner.GuestToken, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(cart);
        try
        {
            await db.SaveChangesAsync(ct);
            return cart.Id;
        }
        catch (DbUpdateException)
        {
            // Another request created this owner's cart a moment ago (unique index): use that one.
            db.Entry(cart).State = EntityState.Detached;
            return await Carts.Of(db, owner).Select(c => c.Id).SingleAsync(ct);
        }
    }
}
