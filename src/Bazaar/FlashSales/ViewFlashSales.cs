using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.FlashSales;

/// <summary>A sale as the back office sees it: the database's figures, which have the last word.</summary>
public sealed record FlashSaleView(Guid Id, int ProductId, string Sku, decimal Price, decimal ListPrice, int Quantity, int Sold,
    int Remaining, DateTime StartsAt, DateTime EndsAt, string State, DateTime CreatedAt, string CreatedBy, DateTime? ClosedAt,
    int? Released)
{
    public static FlashSaleView From(FlashSale s, DateTime now) => new(s.Id, s.ProductId, s.Sku, Money(s.Price), Money(s.ListPrice),
        s.Quantity, s.Sold, s.Remaining, s.StartsAt, s.EndsAt, s.StateAt(now).ToString(), s.CreatedAt, s.CreatedBy, s.ClosedAt,
        s.Released);

    /// <summary>Two decimals always, so the answer at creation and every later read are the same text.</summary>
    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;
}

/// <summary>The back office's list and detail of flash sales.</summary>
public sealed class ViewFlashSales(ShopDb db, TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<List<FlashSaleView>> ListAsync(int page, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (await db.Set<FlashSale>().AsNoTracking().OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id)
                .Skip((Math.Clamp(page, 1, 10_000) - 1) * PageSize).Take(PageSize).ToListAsync(ct))
            .Select(s => FlashSaleView.From(s, now)).ToList();
    }

    /// <summary>What shoppers see: sales on now or still to come (sold out ones too, until their end), soonest first.</summary>
    public async Task<List<FlashSaleView>> ForShoppersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (await db.Set<FlashSale>().AsNoTracking().Where(s => s.ClosedAt == null && s.EndsAt > now)
                .OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(PageSize).ToListAsync(ct))
            .Select(s => FlashSaleView.From(s, now)).ToList();
    }

    public async Task<FlashSaleView?> FindAsync(Guid id, CancellationToken ct) =>
        await db.Set<FlashSale>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } sale
            ? FlashSaleView.From(sale, clock.GetUtcNow().UtcDateTime)
            : null;
}
