using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

public sealed record CartLineView(int ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal,
    int Available, string ImageUrl, string? Problem);

public sealed record CartView(IReadOnlyList<CartLineView> Lines, decimal Subtotal, string Currency, int ItemCount)
{
    public bool CanCheckOut => Lines.Count > 0 && Lines.All(l => l.Problem is null);
    public static readonly CartView Empty = new([], 0m, "CNY", 0);
}

/// <summary>The cart as the shopper sees it, priced from the catalog at this moment.</summary>
public sealed class ViewCart(ShopDb db, ICatalog catalog, IInventory inventory)
{
    public async Task<CartView> HandleAsync(CartOwner owner, bool chinese, CancellationToken ct)
    {
        if (!owner.IsKnown)
            return CartView.Empty;
        var lines = await Carts.Of(db, owner).SelectMany(c => c.Lines).AsNoTracking()
            .OrderBy(l => l.AddedAt).ThenBy(l => l.ProductId).ToListAsync(ct);
        return await PriceAsync(lines.Select(l => (l.ProductId, l.Quantity)).ToList(), chinese, ct);
    }

    public async Task<CartView> PriceAsync(IReadOnlyList<(int ProductId, int Quantity)> lines, bool chinese, CancellationToken ct)
    {
        if (lines.Count == 0)
            return CartView.Empty;
        var ids = lines.Select(l => l.ProductId).ToList();
        var products = await catalog.FindAsync(ids, ct);
        var available = await inventory.GetAvailableAsync(ids, ct);
        var views = new List<CartLineView>();
        foreach (var (productId, quantity) in lines)
        {
            var stock = available.GetValueOrDefault(productId);
            if (!products.TryGetValue(productId, out var p))
            {
                views.Add(new CartLineView(productId, "", $"#{productId}", 0m, quantity, 0m, 0, "", "This product no longer exists."));
                continue;
            }
            var problem = !p.IsPublished ? "This product is no longer sold."
                : stock == 0 ? "Sold out."
                : quantity > stock ? $"Only {stock} left: lower the quantity."
                : null;
            views.Add(new CartLineView(p.Id, p.Sku, p.Name(chinese), p.Price, quantity, p.Price * quantity, stock, p.ImageUrl, problem));
        }
        var priced = views.Where(v => v.Problem is null).ToList();
        return new CartView(views, priced.Sum(v => v.LineTotal), "CNY", views.Sum(v => v.Quantity));
    }
}

internal static class Carts
{
    public static IQueryable<ShoppingCart> Of(ShopDb db, CartOwner owner) =>
        owner.CustomerId is { } customer
            ? db.Set<ShoppingCart>().Where(c => c.CustomerId == customer)
            : db.Set<ShoppingCart>().Where(c => c.GuestToken == owner.GuestToken);
}
