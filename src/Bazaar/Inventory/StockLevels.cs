using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Inventory;

internal sealed class StockLevels(ShopDb db, ReserveStock reservations) : IInventory
{
    public Task<ReserveOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockRequest> lines, CancellationToken ct) =>
        reservations.ReserveAsync(orderId, lines, ct);

    public Task<int> ReleaseAsync(Guid orderId, CancellationToken ct) => reservations.ReleaseAsync(orderId, ct);

    public Task<int> CommitAsync(Guid orderId, CancellationToken ct) => reservations.CommitAsync(orderId, ct);

    private const int MaxOnHand = IInventory.MaxOnHand;

    public async Task<IReadOnlyDictionary<int, int>> GetAvailableAsync(IReadOnlyCollection<int> productIds, CancellationToken ct)
    {
        if (productIds.Count == 0)
            return new Dictionary<int, int>();
        return await db.Set<StockLevel>().AsNoTracking()
            .Where(s => productIds.Contains(s.ProductId))
            .ToDictionaryAsync(s => s.ProductId, s => s.OnHand - s.Reserved, ct);
    }

    public async Task<StockSnapshot?> GetAsync(int productId, CancellationToken ct) =>
        await db.Set<StockLevel>().AsNoTracking().Where(s => s.ProductId == productId)
            .Select(s => new StockSnapshot(s.ProductId, s.Sku, s.OnHand, s.Reserved)).SingleOrDefaultAsync(ct);

    public async Task<Result<StockSnapshot>> SetOnHandAsync(int productId, string sku, int onHand, CancellationToken ct)
    {
        if (onHand is < 0 or > MaxOnHand)
            return Problem.Invalid(new FieldErrors().Add("stock", $"Stock must be between 0 and {MaxOnHand}."));

        // The guard is in the WHERE: a concurrent reservation can never be left above on-hand.
        var changed = await db.Set<StockLevel>()
            .Where(s => s.ProductId == productId && s.Reserved <= onHand)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.OnHand, onHand).SetProperty(s => s.Sku, sku), ct);
        if (changed == 0)
        {
            var current = await GetAsync(productId, ct);
            if (current is not null)
                return Problem.Invalid(new FieldErrors().Add("stock",
                    $"Stock cannot be set below the {current.Reserved} unit(s) already reserved by orders."));
            db.Add(new StockLevel { ProductId = productId, Sku = sku, OnHand = onHand });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return Problem.Conflict("The stock row was created by someone else at the same moment; try again.");
            }
        }
        return (await GetAsync(productId, ct))!;
    }

    public async Task ChangeSkuAsync(int productId, string sku, CancellationToken ct) =>
        await db.Set<StockLevel>().Where(s => s.ProductId == productId && s.Sku != sku)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Sku, sku), ct);

    public async Task StockNewProductsAsync(IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection pg)
        {
            // COPY needs an open connection; EF opens it here and closes it only if it was closed.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await CopyAsync(pg, rows, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
            return;
        }
        db.AddRange(rows.Select(r => new StockLevel { ProductId = r.ProductId, Sku = r.Sku, OnHand = r.OnHand }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection pg, IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        await using var copy = await pg.BeginBinaryImportAsync(
            "COPY \"StockLevels\" (\"ProductId\",\"Sku\",\"OnHand\",\"Reserved\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rows)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(r.ProductId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(r.Sku, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(r.OnHand, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
