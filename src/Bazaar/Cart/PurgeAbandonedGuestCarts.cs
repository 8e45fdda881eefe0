using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Cart;

/// <summary>
/// Guest carts nobody touched for Cart:GuestCartLifetime (default 30 days, as long as the guest
/// cookie lives) are deleted, so anonymous traffic does not grow the database for ever. A customer's
/// cart is kept. Safe on every instance at once: it is one DELETE with the age in its WHERE.
/// </summary>
public sealed class PurgeAbandonedGuestCarts(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock,
    ILogger<PurgeAbandonedGuestCarts> log) : BackgroundService
{
    private TimeSpan Lifetime => config.GetValue("Cart:GuestCartLifetime", TimeSpan.FromDays(30));

    /// <summary>Hourly; <c>Cart:PurgeInterval</c> lets tests that move the clock by a month purge by hand.</summary>
    private TimeSpan Interval => config.GetValue("Cart:PurgeInterval", TimeSpan.FromHours(1));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Purging abandoned guest carts failed; the next run tries again.");
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var before = clock.GetUtcNow().UtcDateTime - Lifetime;
        // Lines go with their cart (cascade).
        var purged = await db.Set<ShoppingCart>()
            .Where(c => c.CustomerId == null && c.UpdatedAt < before)
            .ExecuteDeleteAsync(ct);
        if (purged > 0)
            log.LogInformation("Deleted {Count} guest cart(s) untouched since {Before:u}.", purged, before);
        return purged;
    }
}
