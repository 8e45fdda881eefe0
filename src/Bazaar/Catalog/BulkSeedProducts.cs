using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Bazaar.Catalog;

/// <summary>
/// `bazaar seed --products N`: adds N generated products with stock, for load tests and demos of
/// a big catalog. PostgreSQL takes them by binary COPY; SQLite by one prepared INSERT in one
/// transaction per batch. Each batch (products and their stock rows) commits as a whole, so an
/// interrupted run leaves whole batches behind, never a product without stock. Ids are taken up
/// front so stock rows can be written alongside without reading the products back.
/// </summary>
public sealed class BulkSeedProducts(ShopDb db, IInventory inventory, SeedDemoCatalog demo, TimeProvider clock)
{
    public const int MaxProducts = 10_000_000;
    public const int BatchSize = 10_000;

    public async Task<int> HandleAsync(int count, IProgress<int> progress, CancellationToken ct)
    {
        if (count is < 1 or > MaxProducts)
            throw new ArgumentOutOfRangeException(nameof(count), $"Between 1 and {MaxProducts:N0} products.");

        var aisles = await AislesAsync(ct);
        var random = new Random();
        var run = clock.GetUtcNow().UtcDateTime;
        var stamp = run.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var done = 0;
            while (done < count)
            {
                var size = Math.Min(BatchSize, count - done);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var ids = await TakeIdsAsync(size, ct);
                var stock = new NewStock[size];
                // Generated while COPY streams them, so the client's work overlaps the server's.
                IEnumerable<Product> Generate()
                {
                    for (var i = 0; i < size; i++)
                    {
                        var n = done + i;
                        var (aisle, categoryId) = aisles[n % aisles.Count];
                        // The id makes the SKU unique even for two runs within the same second.
                        var g = DemoCatalog.Make(aisle, $"S{stamp}-{ids[i]:D7}", random);
                        var p = new Product
                        {
                            Id = ids[i], Sku = g.Sku, NameZh = g.NameZh, NameEn = g.NameEn, DescriptionZh = g.DescriptionZh,
                            DescriptionEn = g.DescriptionEn, Price = g.Price, Currency = "CNY", CategoryId = categoryId,
                            IsPublished = true, CreatedAt = run.AddSeconds(-n), UpdatedAt = run,
                        };
                        p.RefreshSearchText();
                        stock[i] = new NewStock(p.Id, p.Sku, g.Stock);
                        yield return p;
                    }
                }
                await WriteAsync(Generate(), ct);
                await inventory.StockNewProductsAsync(stock, ct);
                await tx.CommitAsync(ct);
                done += size;
                progress.Report(done);
            }
            return done;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<(DemoCatalog.Aisle, int)>> AislesAsync(CancellationToken ct)
    {
        var bySlug = DemoCatalog.Departments.SelectMany(d => d.Aisles).ToDictionary(a => a.Slug);
        var existing = await db.Set<Category>().AsNoTracking().Where(c => c.ParentId != null).ToListAsync(ct);
        var known = existing.Where(c => bySlug.ContainsKey(c.Slug)).Select(c => (bySlug[c.Slug], c.Id)).ToList();
        return known.Count > 0 ? known : await demo.SeedCategoriesAsync(ct);
    }

    /// <summary>
    /// Ids no one else will use. PostgreSQL: from the identity sequence, one nextval per row in one
    /// statement (nextval is atomic, so a shop inserting at the same time cannot collide; the ids
    /// are not necessarily contiguous). SQLite: after the current maximum, inside the batch's
    /// transaction, which SQLite opens as a write transaction, so no other writer can interleave.
    /// </summary>
    private async Task<int[]> TakeIdsAsync(int size, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection)
        {
            cmd.CommandText = """SELECT nextval(pg_get_serial_sequence('"Products"', 'Id'))::int FROM generate_series(1, @n)""";
            cmd.Parameters.Add(new NpgsqlParameter("n", size));
            var ids = new int[size];
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            for (var i = 0; await reader.ReadAsync(ct); i++)
                ids[i] = reader.GetInt32(0);
            return ids;
        }
        cmd.CommandText = """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "Products" """;
        var first = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
        return Enumerable.Range(first, size).ToArray();
    }

    private async Task WriteAsync(IEnumerable<Product> products, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            // Synchronous writes: each only fills Npgsql's buffer (flushed to the server as it fills),
            // so awaiting every column of a million rows would cost more than it saves.
            using var copy = await pg.BeginBinaryImportAsync("""
                COPY "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
                "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText") FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var p in products)
            {
                ct.ThrowIfCancellationRequested();
                copy.StartRow();
                copy.Write(p.Id, NpgsqlDbType.Integer);
                copy.Write(p.Sku, NpgsqlDbType.Varchar);
                copy.Write(p.NameZh, NpgsqlDbType.Varchar);
                copy.Write(p.NameEn, NpgsqlDbType.Varchar);
                copy.Write(p.DescriptionZh, NpgsqlDbType.Varchar);
                copy.Write(p.DescriptionEn, NpgsqlDbType.Varchar);
                copy.Write(p.Price, NpgsqlDbType.Numeric);
                copy.Write(p.Currency, NpgsqlDbType.Char);
                copy.Write(p.CategoryId, NpgsqlDbType.Integer);
                copy.Write(p.IsPublished, NpgsqlDbType.Boolean);
                copy.WriteNull();
                copy.Write(p.CreatedAt, NpgsqlDbType.TimestampTz);
                copy.Write(p.UpdatedAt, NpgsqlDbType.TimestampTz);
                copy.Write(p.SearchText, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync(ct);
            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = """
            INSERT INTO "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
            "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText")
            VALUES ($id,$sku,$nzh,$nen,$dzh,$den,$price,'CNY',$cat,1,NULL,$created,$updated,$search)
            """;
        System.Data.Common.DbParameter P(string name)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            cmd.Parameters.Add(p);
            return p;
        }
        var (id, sku, nzh, nen, dzh, den, price, cat, created, updated, search) =
            (P("$id"), P("$sku"), P("$nzh"), P("$nen"), P("$dzh"), P("$den"), P("$price"), P("$cat"), P("$created"), P("$updated"), P("$search"));
        foreach (var p in products)
        {
            // Microsoft.Data.Sqlite formats decimal and DateTime exactly as EF Core stores them.
            id.Value = p.Id; sku.Value = p.Sku; nzh.Value = p.NameZh; nen.Value = p.NameEn; dzh.Value = p.DescriptionZh;
            den.Value = p.DescriptionEn; price.Value = p.Price; cat.Value = p.CategoryId;
            created.Value = p.CreatedAt; updated.Value = p.UpdatedAt; search.Value = p.SearchText;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
