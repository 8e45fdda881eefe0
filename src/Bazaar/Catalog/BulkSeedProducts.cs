using System.Data.Common;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Bazaar.Catalog;

/// <summary>
/// `bazaar seed --products N`: adds N generated products with stock, for load tests and demos of
/// a big catalog. PostgreSQL takes them by binary COPY (a million in a few minutes); SQLite by
/// prepared inserts in one transaction per batch. Ids are reserved up front so stock rows can be
/// written alongside without reading the products back.
/// </summary>
public sealed class BulkSeedProducts(ShopDb db, IInventory inventory, SeedDemoCatalog demo, TimeProvider clock)
{
    public const int BatchSize = 10_000;

    public async Task<int> HandleAsync(int count, IProgress<int> progress, CancellationToken ct)
    {
        if (count is < 1 or > 10_000_000)
            throw new ArgumentOutOfRangeException(nameof(count), "Between 1 and 10,000,000 products.");

        var aisles = await AislesAsync(ct);
        var random = new Random();
        var run = clock.GetUtcNow().UtcDateTime;
        var stamp = run.ToString("yyMMddHHmmss");
        var done = 0;
        while (done < count)
        {
            var size = Math.Min(BatchSize, count - done);
            var firstId = await ReserveIdsAsync(size, ct);
            var batch = new List<(Product P, int Stock)>(size);
            for (var i = 0; i < size; i++)
            {
                var n = done + i;
                var (aisle, categoryId) = aisles[n % aisles.Count];
                var g = DemoCatalog.Make(aisle, $"S{stamp}-{n + 1:D7}", random);
                var p = new Product
                {
                    Id = firstId + i, Sku = g.Sku, NameZh = g.NameZh, NameEn = g.NameEn, DescriptionZh = g.DescriptionZh,
                    DescriptionEn = g.DescriptionEn, Price = g.Price, Currency = "CNY", CategoryId = categoryId,
                    IsPublished = true, CreatedAt = run.AddSeconds(-n), UpdatedAt = run,
                };
                p.RefreshSearchText();
                batch.Add((p, g.Stock));
            }
            await WriteAsync(batch.Select(b => b.P).ToList(), ct);
            await inventory.StockNewProductsAsync(batch.Select(b => new NewStock(b.P.Id, b.P.Sku, b.Stock)).ToList(), ct);
            done += size;
            progress.Report(done);
        }
        return done;
    }

    private async Task<List<(DemoCatalog.Aisle, int)>> AislesAsync(CancellationToken ct)
    {
        var bySlug = DemoCatalog.Departments.SelectMany(d => d.Aisles).ToDictionary(a => a.Slug);
        var existing = await db.Set<Category>().AsNoTracking().Where(c => c.ParentId != null).ToListAsync(ct);
        var known = existing.Where(c => bySlug.ContainsKey(c.Slug)).Select(c => (bySlug[c.Slug], c.Id)).ToList();
        return known.Count > 0 ? known : await demo.SeedCategoriesAsync(ct);
    }

    private async Task<int> ReserveIdsAsync(int size, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        await using var cmd = connection.CreateCommand();
        if (db.IsPostgres)
        {
            // Move the identity sequence past the block in one statement; concurrent inserts get ids after it.
            cmd.CommandText = """SELECT setval(pg_get_serial_sequence('"Products"', 'Id'), nextval(pg_get_serial_sequence('"Products"', 'Id')) + @n - 1)""";
            cmd.Parameters.Add(new NpgsqlParameter("n", (long)size));
            var last = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct));
            return (int)(last - size + 1);
        }
        cmd.CommandText = """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "Products" """;
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(ct));
    }

    private async Task WriteAsync(List<Product> products, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync("""
                COPY "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
                "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText") FROM STDIN (FORMAT BINARY)
                """, ct);
            foreach (var p in products)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.NameZh, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.NameEn, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.DescriptionZh, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.DescriptionEn, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.Price, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(p.Currency, NpgsqlDbType.Char, ct);
                await copy.WriteAsync(p.CategoryId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(p.IsPublished, NpgsqlDbType.Boolean, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(p.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(p.SearchText, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = """
            INSERT INTO "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
            "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText")
            VALUES ($id,$sku,$nzh,$nen,$dzh,$den,$price,'CNY',$cat,1,NULL,$created,$updated,$search)
            """;
        DbParameter P(string name) { var p = cmd.CreateParameter(); p.ParameterName = name; cmd.Parameters.Add(p); return p; }
        var (id, sku, nzh, nen, dzh, den, price, cat, created, updated, search) =
            (P("$id"), P("$sku"), P("$nzh"), P("$nen"), P("$dzh"), P("$den"), P("$price"), P("$cat"), P("$created"), P("$updated"), P("$search"));
        foreach (var p in products)
        {
            id.Value = p.Id; sku.Value = p.Sku; nzh.Value = p.NameZh; nen.Value = p.NameEn; dzh.Value = p.DescriptionZh;
            den.Value = p.DescriptionEn; price.Value = p.Price.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cat.Value = p.CategoryId; created.Value = p.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            updated.Value = p.UpdatedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"); search.Value = p.SearchText;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }
}
