using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

public sealed record SetCartQuantityRequest(int? Quantity);

/// <summary>Changes how many units of a product the cart holds (1..99, at most what is available).</summary>
public sealed class SetCartQuantity(ShopDb db, ICatalog catalog, IInventory inventory, TimeProvider clock)
{
    public async Task<Problem?> HandleAsync(CartOwner owner, int productId, SetCartQuantityRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (r.Quantity is null or < 1 or > ShoppingCart.MaxQuantity)
            return Problem.Invalid(errors.Add("quantity",
                $"quantity must be between 1 and {ShoppingCart.MaxQuantity}; to take a product out, remove its line."));
        if (!owner.IsKnown)
            return Problem.NotFound("Cart line");
        var cartIds = Carts.Of(db, owner).Select(c => c.Id);
        var line = db.Set<CartLine>().Where(l => l.ProductId == productId && cartIds.Contains(l.CartId));
        if (!await line.AnyAsync(ct))
            return Problem.NotFound("Cart line");
        if (await AddToCart.SellableAsync(catalog, productId, ct) is { } notSellable)
            return notSellable;
        var available = (await inventory.GetAvailableAsync([productId], ct)).GetValueOrDefault(productId);
        if (r.Quantity > available)
            return Problem.Invalid(errors.Add("quantity", available == 0 ? "This product is sold out." : $"Only {available} available."));
        // An UPDATE, not a tracked entity: a line removed in another tab meanwhile is a 404, not a concurrency error.
        var quantity = r.Quantity.Value;
        if (await line.ExecuteUpdateAsync(u => u.SetProperty(l => l.Quantity, quantity), ct) == 0)
            return Problem.NotFound("Cart line");
        await Carts.Of(db, owner).ExecuteUpdateAsync(u => u.SetProperty(c => c.UpdatedAt, clock.GetUtcNow().UtcDateTime), ct);
        return null;
    }
}
