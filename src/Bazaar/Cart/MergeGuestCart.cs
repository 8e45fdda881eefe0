using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

/// <summary>
/// At sign-in, what a guest put in the cart moves into the customer's cart: quantities are added,
/// capped at 99 and at what is available, and the guest cart is gone afterwards.
/// </summary>
public sealed class MergeGuestCart(ShopDb db, IInventory inventory, TimeProvider clock, ILogger<MergeGuestCart> log)
{
    public async Task HandleAsync(string guestToken, Guid customerId, CancellationToken ct)
    {
        var guest = await db.Set<ShoppingCart>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.GuestToken == guestToken, ct);
        if (guest is null)
            return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var mine = await AddToCart.FindOrCreateAsync(db, new CartOwner(customerId, null), clock, ct);
        var available = await inventory.GetAvailableAsync(guest.Lines.Select(l => l.ProductId).ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var g in guest.Lines)
        {
            var cap = Math.Min(ShoppingCart.MaxQuantity, available.GetValueOrDefault(g.ProductId));
            var line = mine.Lines.FirstOrDefault(l => l.ProductId == g.ProductId);
            var merged = Math.Min((line?.Quantity ?? 0) + g.Quantity, cap);
            if (line is not null)
                line.Quantity = Math.Max(line.Quantity, merged);
            else if (merged > 0 && mine.Lines.Count < ShoppingCart.MaxLines)
                mine.Lines.Add(new CartLine { CartId = mine.Id, ProductId = g.ProductId, Quantity = merged, AddedAt = g.AddedAt });
        }
        mine.UpdatedAt = now;
        db.Remove(guest);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        log.LogDebug("Merged guest cart into the cart of {Customer}.", customerId);
    }
}
