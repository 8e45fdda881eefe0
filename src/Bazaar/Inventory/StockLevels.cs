using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bazaar.Inventory;

internal sealed class StockLevels(ShopDb db, ReserveStock reservations, HoldStock holds, AdjustStock adjust,
    SetLowStockThreshold threshold, FindLowStock lowStock) : IInventory
{
    public Task<bool> HoldAsync(Guid holdId, int productId, int quantity, string reason, CancellationToken ct) =>
        holds.HoldAsync(holdId, productId, quantity, reason, ct);

    public Task<bool> PassHeldAsync(Guid holdId, Guid orderId, int productId, int quantity, string reason, CancellationToken ct) =>
        holds.PassOnAsync(holdId, orderId, productId, quantity, reason, ct);

    public Task<ReserveOutcome> ReserveAsync(Guid orderId, IReadOnlyList<StockRequest> lines, CancellationToken ct) =>
        reservations.ReserveAsync(orderId, lines, ct);

    public Task<int> ReleaseAsync(Guid orderId, CancellationToken ct) => reservations.ReleaseAsync(orderId, ct);

    public Task<int> CommitAsync(Guid orderId, CancellationToken ct) => reservations.CommitAsync(orderId, ct);

    public Task<int> ReturnAsync(Guid orderId, CancellationToken ct) => reservations.ReturnAsync(orderId, ct);

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
            .Select(s => new StockSnapshot(s.ProductId, s.Sku, s.OnHand, s.Reserved, s.LowStockThreshold)).SingleOrDefaultAsync(ct);

    public Task<Result<StockSnapshot>> SetOnHandAsync(int productId, string sku, int onHand, CancellationToken ct) =>
        adjust.SetOnHandAsync(productId, sku, onHand, ct);

    public Task<Result<StockSnapshot>> AdjustAsync(int productId, int change, string? reason, CancellationToken ct) =>
        adjust.AdjustAsync(productId, change, reason, ct);

    public Task<Result<StockSnapshot>> SetLowStockThresholdAsync(int productId, int value, CancellationToken ct) =>
        threshold.HandleAsync(productId, value, ct);

    public Task<LowStockReport> FindLowStockAsync(int limit, CancellationToken ct) => lowStock.HandleAsync(limit, ct);

    public async Task<IReadOnlyList<StockMovementView>> MovementsAsync(int productId, int page, CancellationToken ct) =>
        (await db.Set<StockMovement>().AsNoTracking().Where(m => m.ProductId == productId)
            .OrderByDescending(m => m.Id).Skip((Math.Clamp(page, 1, 100_000) - 1) * 50).Take(50).ToListAsync(ct))
        .Select(m => new StockMovementView(m.At, m.Kind.ToString(), m.OnHandChange, m.ReservedChange, m.OrderId, m.Reason, m.By)).ToList();

    public async Task ChangeSkuAsync(int productId, string sku, CancellationToken ct) =>
        await db.Set<StockLevel>().Where(s => s.ProductId == productId && s.Sku != sku)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Sku, sku), ct);

    public async Task StockNewProductsAsync(IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        // Joins the caller's transaction when there is one (the seeder commits products and stock together).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection pg)
                await CopyAsync(pg, rows, ct);
            else
                await InsertAsync(rows, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CopyAsync(Npgsql.NpgsqlConnection pg, IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        using var copy = await pg.BeginBinaryImportAsync(
            "COPY \"StockLevels\" (\"ProductId\",\"Sku\",\"OnHand\",\"Reserved\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rows)
        {
            copy.StartRow();
            copy.Write(r.ProductId, NpgsqlTypes.NpgsqlDbType.Integer);
            copy.Write(r.Sku, NpgsqlTypes.NpgsqlDbType.Varchar);
            copy.Write(r.OnHand, NpgsqlTypes.NpgsqlDbType.Integer);
            copy.Write(0, NpgsqlTypes.NpgsqlDbType.Integer);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>SQLite: one prepared INSERT reused for every row (EF's change tracker would cost more than the inserts).</summary>
    private async Task InsertAsync(IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        cmd.CommandText = "INSERT INTO \"StockLevels\" (\"ProductId\",\"Sku\",\"OnHand\",\"Reserved\") VALUES ($id,$sku,$onHand,0)";
        var (id, sku, onHand) = (cmd.CreateParameter(), cmd.CreateParameter(), cmd.CreateParameter());
        (id.ParameterName, sku.ParameterName, onHand.ParameterName) = ("$id", "$sku", "$onHand");
        cmd.Parameters.AddRange(new[] { id, sku, onHand });
        foreach (var r in rows)
        {
            (id.Value, sku.Value, onHand.Value) = (r.ProductId, r.Sku, r.OnHand);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (own is not null)
            await own.CommitAsync(ct);
    }
}
