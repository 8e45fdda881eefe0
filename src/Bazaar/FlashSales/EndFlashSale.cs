using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.FlashSales;

/// <summary>
/// An operator ends a sale before its time (a pricing mistake, a product recall): its end moves to now,
/// with a <c>flash-sale.ended-early</c> audit entry, and it is closed at once as any ended sale is
/// (<see cref="CloseFlashSale"/>: unsold units back to ordinary stock). The end only ever moves earlier,
/// through a conditional UPDATE, so it races safely with buyers (whose UPDATE checks EndsAt) and with
/// another operator. Every instance drops its copy of the sale's terms, so none keeps selling.
/// </summary>
public sealed class EndFlashSale(ShopDb db, CloseFlashSale close, KnownFlashSales sales, IAuditLog audit, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<Result<FlashSaleView>> HandleAsync(Guid saleId, string? reason, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (reason is { Length: > MaxReason })
            return Problem.Invalid(new FieldErrors().Add("reason", $"The reason can be at most {MaxReason} characters."));
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var ended = await db.Set<FlashSale>().Where(s => s.Id == saleId && s.ClosedAt == null && s.EndsAt > now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndsAt, now), ct);
            if (ended == 0)
            {
                await tx.RollbackAsync(ct);
                return await db.Set<FlashSale>().AnyAsync(s => s.Id == saleId, ct)
                    ? Problem.Conflict("This flash sale has ended already.")
                    : Problem.NotFound("Flash sale");
            }
            audit.Record("flash-sale.ended-early", $"flash sale {saleId}",
                string.IsNullOrEmpty(reason) ? "ended by an operator before its time" : reason);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await sales.ForgetAsync(saleId, ct);
        // Closed by whoever gets there first: this call, or the job on any instance.
        await close.HandleAsync(saleId, ct);
        var sale = await db.Set<FlashSale>().AsNoTracking().SingleAsync(s => s.Id == saleId, ct);
        return FlashSaleView.From(sale, now);
    }
}
