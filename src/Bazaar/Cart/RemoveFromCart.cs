using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

/// <summary>Takes a product's line out of the cart.</summary>
public sealed class RemoveFromCart(ShopDb db)
{
    public async Task<Problem?> HandleAsync(CartOwner owner, int productId, CancellationToken ct)
    {
        if (!owner.IsKnown)
            return Problem.NotFound("Cart line");
        var cartIds = Carts.Of(db, owner).Select(c => c.Id);
        var removed = await db.Set<CartLine>().Where(l => l.ProductId == productId && cartIds.Contains(l.CartId))
            .ExecuteDeleteAsync(ct);
        return removed == 0 ? Problem.NotFound("Cart line") : null;
    }
}
