using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.FlashSales;

/// <summary>
/// Makes a sale's Redis keys agree with the database, which has the last word: its purchases are the
/// buyers, and remaining = quantity - buyers once the pending units of dead instances are given back.
/// The same routine opens a sale in Redis on first use (or after Redis lost its data), runs on every
/// instance every FlashSales:ReconcileInterval, and runs at the close. Safe to run anywhere at once:
/// the script is atomic and each pass recomputes from the database rather than adjusting.
/// </summary>
public sealed class ReconcileFlashStock(ShopDb db, RedisFlashStock stock, IOptions<FlashSalesOptions> options, TimeProvider clock)
{
    /// <summary>Opens the sale in Redis unless it is open already (then nothing changes).</summary>
    public Task OpenAsync(FlashSaleTerms sale, CancellationToken ct) =>
        RunAsync(sale.Id, sale.Quantity, sale.EndsAt, closed: false, onlyIfNotOpen: true, ct);

    /// <returns>How many units taken in Redis by buyers who never reached the database were given back.</returns>
    public Task<int> ReconcileAsync(FlashSale sale, CancellationToken ct) =>
        RunAsync(sale.Id, sale.Quantity, sale.EndsAt, sale.ClosedAt is not null, onlyIfNotOpen: false, ct);

    private async Task<int> RunAsync(Guid saleId, int quantity, DateTime endsAt, bool closed, bool onlyIfNotOpen, CancellationToken ct)
    {
        // Read before the script runs: a winner committing in between is already a buyer in Redis (it took its
        // unit there first), and one that took longer than the timeout is put back by the next pass.
        var buyers = await db.Set<FlashSalePurchase>().AsNoTracking().Where(p => p.FlashSaleId == saleId)
            .Select(p => p.CustomerId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        // After the close no purchase can reach the database any more: every pending unit not there goes back now.
        var timeout = closed ? TimeSpan.Zero : options.Value.PendingTimeout;
        var end = new DateTimeOffset(endsAt, TimeSpan.Zero);
        var expireAt = (closed || end < now ? now : end) + options.Value.KeepKeysAfterEnd;
        return await stock.ReconcileAsync(saleId, quantity, buyers, now, timeout, expireAt, onlyIfNotOpen);
    }
}
