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
    private const int Attempts = 3;

    public async Task HandleAsync(string guestToken, Guid customerId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await MergeOnceAsync(guestToken, customerId, ct);
                return;
            }
            catch (DbUpdateException e) when (attempt < Attempts)
            {
                // A double-clicked sign-in merged (and deleted) this guest cart a moment ago, or the
                // customer added the same product in another tab: nothing was saved, so look again.
                log.LogDebug(e, "Guest cart merge for {Customer} lost a race; retrying.", customerId);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task MergeOnceAsync(string guestToken, Guid customerId, CancellationToken ct)
    {
        var guest = await db.Set<ShoppingCart>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.GuestToken == guestToken, ct);
        if (guest is null)
            return;
        var mineId = await AddToCart.FindOrCreateIdAsync(db, new CartOwner(customerId, null), clock, ct);
        var mine = await db.Set<ShoppingCart>().Include(c => c.Lines).SingleAsync(c => c.Id == mineId, ct);
        var available = await inventory.GetAvailableAsync(guest.Lines.Select(l => l.ProductId).ToList(), ct);
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
        mine.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Remove(guest);
        // One SaveChanges, one transaction: the lines land and the guest cart goes, or nothing happens.
        // Deleting a guest cart another sign-in already merged affects no row and fails the whole save.
        await db.SaveChangesAsync(ct);
        log.LogDebug("Merged guest cart into the cart of {Customer}.", customerId);
    }
}
