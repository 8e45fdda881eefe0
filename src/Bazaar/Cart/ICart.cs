using Bazaar.Platform;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

/// <summary>The Cart module's public service, for checkout.</summary>
[ModuleContract]
public interface ICart
{
    /// <summary>Units of one product a cart line or an order line may hold.</summary>
    public const int MaxQuantity = 99;

    Task<IReadOnlyList<CartItem>> ItemsAsync(Guid customerId, CancellationToken ct);

    /// <summary>Empties the customer's cart; runs inside the caller's transaction (the order's).</summary>
    Task ClearAsync(Guid customerId, CancellationToken ct);
}

[ModuleContract]
public sealed record CartItem(int ProductId, int Quantity);

internal sealed class CustomerCarts(ShopDb db) : ICart
{
    public async Task<IReadOnlyList<CartItem>> ItemsAsync(Guid customerId, CancellationToken ct) =>
        await db.Set<CartLine>().AsNoTracking()
            .Where(l => db.Set<ShoppingCart>().Any(c => c.Id == l.CartId && c.CustomerId == customerId))
            .OrderBy(l => l.AddedAt).Select(l => new CartItem(l.ProductId, l.Quantity)).ToListAsync(ct);

    public Task ClearAsync(Guid customerId, CancellationToken ct) =>
        db.Set<CartLine>().Where(l => db.Set<ShoppingCart>().Any(c => c.Id == l.CartId && c.CustomerId == customerId))
            .ExecuteDeleteAsync(ct);
}
