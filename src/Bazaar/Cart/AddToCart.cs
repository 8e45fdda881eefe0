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
        var sellable = await SellableAsync(catalog, productId, ct);
        if (sellable is not null)
            return sellable;

        var cart = await FindOrCreateAsync(db, owner, clock, ct);
        var line = cart.Lines.FirstOrDefault(l => l.ProductId == productId);
        var wanted = (line?.Quantity ?? 0) + r.Quantity!.Value;
        if (wanted > ShoppingCart.MaxQuantity)
            return Problem.Invalid(errors.Add("quantity", $"A cart line holds at most {ShoppingCart.MaxQuantity} units; you already have {line!.Quantity}."));
        var available = (await inventory.GetAvailableAsync([productId], ct)).GetValueOrDefault(productId);
        if (wanted > available)
            return Problem.Invalid(errors.Add("quantity", available == 0 ? "This product is sold out." : $"Only {available} available."));
        if (line is null && cart.Lines.Count >= ShoppingCart.MaxLines)
            return Problem.Conflict($"A cart holds at most {ShoppingCart.MaxLines} different products.");

        var now = clock.GetUtcNow().UtcDateTime;
        if (line is null)
            cart.Lines.Add(new CartLine { CartId = cart.Id, ProductId = productId, Quantity = wanted, AddedAt = now });
        else
            line.Quantity = wanted;
        cart.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return null;
    }

    internal static async Task<Problem?> SellableAsync(ICatalog catalog, int productId, CancellationToken ct)
    {
        var products = await catalog.FindAsync([productId], ct);
        if (!products.TryGetValue(productId, out var p) || !p.IsPublished)
            return Problem.Invalid(new FieldErrors().Add("productId", $"Product {productId} does not exist or is not for sale."));
        return null;
    }

    internal static async Task<ShoppingCart> FindOrCreateAsync(ShopDb db, CartOwner owner, TimeProvider clock, CancellationToken ct)
    {
        var cart = await Carts.Of(db, owner).Include(c => c.Lines).SingleOrDefaultAsync(ct);
        if (cart is not null)
            return cart;
        var now = clock.GetUtcNow().UtcDateTime;
        cart = new ShoppingCart
        {
            Id = Guid.CreateVersion7(), CustomerId = owner.CustomerId, GuestToken = owner.GuestToken, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(cart);
        try
        {
            await db.SaveChangesAsync(ct);
            return cart;
        }
        catch (DbUpdateException)
        {
            // Another request created this owner's cart a moment ago (unique index): use that one.
            db.Entry(cart).State = EntityState.Detached;
            return await Carts.Of(db, owner).Include(c => c.Lines).SingleAsync(ct);
        }
    }
}
