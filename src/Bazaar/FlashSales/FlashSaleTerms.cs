using System.Collections.Concurrent;
using System.Collections.Frozen;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.FlashSales;

/// <summary>What a buy attempt needs to know of a sale; only the end can change, earlier, when an operator ends it (EndFlashSale).</summary>
public sealed record FlashSaleTerms(Guid Id, int ProductId, decimal Price, int Quantity, DateTime StartsAt, DateTime EndsAt);

/// <summary>
/// The terms of sales, kept in each instance's memory, so a buy attempt that loses costs no database
/// read: terms do not change, but for an early end, which drops them on every instance (the backplane);
/// and once a sale is sold out it stays so (Sold only grows).
/// </summary>
public sealed class KnownFlashSales(IServiceScopeFactory scopes, IFusionCache cache)
{
    // Memory only: terms are immutable, so no instance needs telling, and a Redis outage must not slow this down.
    private static readonly FusionCacheEntryOptions InMemory = new()
    {
        Duration = TimeSpan.FromMinutes(1), Size = 1, SkipDistributedCacheRead = true, SkipDistributedCacheWrite = true,
        SkipBackplaneNotifications = true,
    };

    private readonly ConcurrentDictionary<Guid, bool> _soldOut = new();
    private readonly ConcurrentDictionary<Guid, FrozenSet<Guid>> _finalBuyers = new();

    public async Task<FlashSaleTerms?> FindAsync(Guid id, CancellationToken ct) =>
        await cache.GetOrSetAsync<FlashSaleTerms?>(Key(id), async (_, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ShopDb>().Set<FlashSale>().AsNoTracking()
                .Where(s => s.Id == id)
                .Select(s => new FlashSaleTerms(s.Id, s.ProductId, s.Price, s.Quantity, s.StartsAt, s.EndsAt))
                .SingleOrDefaultAsync(token);
        }, options: InMemory, token: ct);

    /// <summary>The sale's end moved: this instance and, through the backplane, every other one reads the terms afresh.</summary>
    public ValueTask ForgetAsync(Guid id, CancellationToken ct) => cache.RemoveAsync(Key(id), token: ct);

    private static string Key(Guid id) => $"flash-sale:terms:{id}";

    public bool IsSoldOut(Guid id) => _soldOut.ContainsKey(id);

    public void MarkSoldOut(Guid id) => _soldOut.TryAdd(id, true);

    /// <summary>
    /// The buyers of a sale that is sold out for good (Redis said so: nothing left, nothing pending).
    /// From then on this instance turns every other customer away from memory, without a Redis round
    /// trip: the losers of a hot sale are nearly every request, and a Redis call was a quarter of their cost.
    /// </summary>
    public void RememberFinalBuyers(Guid id, IEnumerable<Guid> buyers)
    {
        _finalBuyers.TryAdd(id, buyers.ToFrozenSet());
        MarkSoldOut(id);
    }

    /// <summary>True when the sale is sold out for good and this customer is not one of its buyers.</summary>
    public bool IsFinalLoser(Guid id, Guid customerId) =>
        _finalBuyers.TryGetValue(id, out var buyers) && !buyers.Contains(customerId);
}
