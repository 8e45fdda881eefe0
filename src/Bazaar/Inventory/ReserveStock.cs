using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

/// <summary>
/// Reserve, release and commit: every change to stock is one conditional UPDATE whose WHERE clause
/// carries the guard, and the number of rows changed says whether it happened. PostgreSQL re-checks
/// the WHERE against the latest row after waiting for a concurrent writer, so no interleaving of
/// buyers on any number of instances can push Reserved above OnHand.
/// </summary>
internal sealed class ReserveStock(ShopDb db, IHttpContextAccessor http, TimeProvider clock)
{
    // Per line, not per product: a product id as a label would make one series per product.
    private static readonly System.Diagnostics.Metrics.Counter<long> Reservations =
        Platform.Telemetry.ShopMeter.Meter.CreateCounter<long>("bazaar.stock.reservations", "{line}",
            "Order lines asking for stock, by outcome: reserved, or short (sold out or not enough left)");

    /// <summary>Who moved the stock: the signed-in operator or customer, else the job that did it.</summary>
    private string By => http.HttpContext?.User.Identity?.Name is { Length: > 0 } name ? name : "system";

    private void Record(int productId, StockMovementKind kind, int onHand, int reserved, Guid? orderId, DateTime at, string? reason = null) =>
        db.Add(new StockMovement
        {
            ProductId = productId, Kind = kind, OnHandChange = onHand, ReservedChange = reserved, OrderId = orderId,
            Reason = reason, By = By, At = at,
        });

    public async Task<ReserveOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockRequest> lines, CancellationToken ct)
    {
        var shorts = new List<int>();
        var now = clock.GetUtcNow().UtcDateTime;
        // One order locks its rows in product order, so two orders never wait on each other in a cycle.
        foreach (var line in lines.GroupBy(l => l.ProductId).Select(g => new StockRequest(g.Key, g.Sum(l => l.Quantity)))
                     .OrderBy(l => l.ProductId))
        {
            var q = line.Quantity;
            var reserved = q > 0 && await db.Set<StockLevel>()
                .Where(s => s.ProductId == line.ProductId && s.Reserved + q <= s.OnHand)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved + q), ct) == 1;
            Reservations.Add(1, new KeyValuePair<string, object?>("outcome", reserved ? "reserved" : "short"));
            if (!reserved)
            {
                shorts.Add(line.ProductId);
                continue;
            }
            db.Add(new StockReservation
            {
                OrderId = orderId, ProductId = line.ProductId, Quantity = q, Status = ReservationStatus.Held, CreatedAt = now,
            });
            Record(line.ProductId, StockMovementKind.Reserved, 0, q, orderId, now);
        }
        if (shorts.Count > 0)
        {
            // The caller rolls the transaction back; nothing of this attempt may be saved later by accident.
            foreach (var entry in db.ChangeTracker.Entries<StockReservation>().Where(e => e.Entity.OrderId == orderId).ToList())
                entry.State = EntityState.Detached;
            foreach (var entry in db.ChangeTracker.Entries<StockMovement>().Where(e => e.Entity.OrderId == orderId).ToList())
                entry.State = EntityState.Detached;
            return new ReserveOutcome(shorts);
        }
        await db.SaveChangesAsync(ct);
        return new ReserveOutcome([]);
    }

    public Task<int> ReleaseAsync(Guid orderId, CancellationToken ct) =>
        SettleAsync(orderId, ReservationStatus.Released, ct);

    public Task<int> CommitAsync(Guid orderId, CancellationToken ct) =>
        SettleAsync(orderId, ReservationStatus.Committed, ct);

    /// <summary>Puts sold goods back on the shelf: each Committed row becomes Returned once and adds its units to on-hand.</summary>
    public async Task<int> ReturnAsync(Guid orderId, CancellationToken ct)
    {
        var owns = db.Database.CurrentTransaction is null;
        await using var tx = owns ? await db.Database.BeginTransactionAsync(ct) : null;
        var sold = await db.Set<StockReservation>().AsNoTracking()
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Committed)
            .OrderBy(r => r.ProductId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var returned = 0;
        foreach (var r in sold)
        {
            var claimed = await db.Set<StockReservation>()
                .Where(x => x.OrderId == orderId && x.ProductId == r.ProductId && x.Status == ReservationStatus.Committed)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, ReservationStatus.Returned).SetProperty(x => x.SettledAt, now), ct);
            if (claimed == 0)
                continue;
            var q = r.Quantity;
            await db.Set<StockLevel>().Where(s => s.ProductId == r.ProductId && s.OnHand <= IInventory.MaxOnHand - q)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnHand, s => s.OnHand + q), ct);
            Record(r.ProductId, StockMovementKind.Returned, q, 0, orderId, now, "goods came back");
            returned += q;
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return returned;
    }

    private async Task<int> SettleAsync(Guid orderId, ReservationStatus to, CancellationToken ct)
    {
        var owns = db.Database.CurrentTransaction is null;
        await using var tx = owns ? await db.Database.BeginTransactionAsync(ct) : null;
        var held = await db.Set<StockReservation>().AsNoTracking()
            .Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Held)
            .OrderBy(r => r.ProductId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var settled = 0;
        foreach (var r in held)
        {
            // Claim the reservation first: of two concurrent settlers only one flips Held, and only
            // that one touches the stock row.
            var claimed = await db.Set<StockReservation>()
                .Where(x => x.OrderId == orderId && x.ProductId == r.ProductId && x.Status == ReservationStatus.Held)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, to).SetProperty(x => x.SettledAt, now), ct);
            if (claimed == 0)
                continue;
            var q = r.Quantity;
            var changed = to == ReservationStatus.Committed
                ? await db.Set<StockLevel>().Where(s => s.ProductId == r.ProductId && s.Reserved >= q && s.OnHand >= q)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved - q)
                        .SetProperty(s => s.OnHand, s => s.OnHand - q), ct)
                : await db.Set<StockLevel>().Where(s => s.ProductId == r.ProductId && s.Reserved >= q)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.Reserved, s => s.Reserved - q), ct);
            if (changed != 1)
                throw new InvalidOperationException(
                    $"Stock of product {r.ProductId} does not cover reservation of order {orderId}: the stock invariant is broken.");
            if (to == ReservationStatus.Committed)
                Record(r.ProductId, StockMovementKind.Sold, -q, -q, orderId, now);
            else
                Record(r.ProductId, StockMovementKind.Released, 0, -q, orderId, now);
            settled++;
        }
        await db.SaveChangesAsync(ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        return settled;
    }
}
