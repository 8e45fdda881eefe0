using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Bazaar.Catalog;

/// <summary>
/// Many new products in one round trip's worth of work, for the seeder and for imports: EF's change
/// tracker costs more than the inserts themselves at that scale. PostgreSQL takes them by binary
/// COPY, SQLite by one prepared INSERT reused for every row. Both join the caller's open connection
/// and transaction.
/// </summary>
internal static class BulkInsertProducts
{
    /// <summary>
    /// Ids no one else will use. PostgreSQL: from the identity sequence, one nextval per row in one
    /// statement (nextval is atomic, so a shop inserting at the same time cannot collide; the ids
    /// are not necessarily contiguous). SQLite: after the current maximum, inside the batch's
    /// transaction, which SQLite opens as a write transaction, so no other writer can interleave.
    /// </summary>
    public static async Task<int[]> TakeIdsAsync(ShopDb db, int size, CancellationToken ct)
    {
        if (size == 0)
            return [];
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

    /// <summary>Inserts products whose ids came from <see cref="TakeIdsAsync"/>; RefreshSearchText must have run.</summary>
    public static async Task WriteAsync(ShopDb db, IEnumerable<Product> products, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            // Synchronous writes: each only fills Npgsql's buffer (flushed to the server as it fills),
            // so awaiting every column of a million rows would cost more than it saves.
            using var copy = await pg.BeginBinaryImportAsync("""
                COPY "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
                "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText","SearchName","SearchBody") FROM STDIN (FORMAT BINARY)
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
                if (p.ImageUrl is null)
                    copy.WriteNull();
                else
                    copy.Write(p.ImageUrl, NpgsqlDbType.Varchar);
                copy.Write(p.CreatedAt, NpgsqlDbType.TimestampTz);
                copy.Write(p.UpdatedAt, NpgsqlDbType.TimestampTz);
                copy.Write(p.SearchText, NpgsqlDbType.Text);
                copy.Write(p.SearchName, NpgsqlDbType.Text);
                copy.Write(p.SearchBody, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync(ct);
            return;
        }

        await using var cmd = connection.CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        cmd.CommandText = """
            INSERT INTO "Products" ("Id","Sku","NameZh","NameEn","DescriptionZh","DescriptionEn","Price","Currency",
            "CategoryId","IsPublished","ImageUrl","CreatedAt","UpdatedAt","SearchText","SearchName","SearchBody")
            VALUES ($id,$sku,$nzh,$nen,$dzh,$den,$price,$currency,$cat,$published,$image,$created,$updated,$search,$sname,$sbody)
            """;
        System.Data.Common.DbParameter P(string name)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            cmd.Parameters.Add(p);
            return p;
        }
        var (id, sku, nzh, nen, dzh, den, price, currency, cat) =
            (P("$id"), P("$sku"), P("$nzh"), P("$nen"), P("$dzh"), P("$den"), P("$price"), P("$currency"), P("$cat"));
        var (published, image, created, updated, search) = (P("$published"), P("$image"), P("$created"), P("$updated"), P("$search"));
        var (searchName, searchBody) = (P("$sname"), P("$sbody"));
        foreach (var p in products)
        {
            // Microsoft.Data.Sqlite formats decimal, bool and DateTime exactly as EF Core stores them.
            id.Value = p.Id; sku.Value = p.Sku; nzh.Value = p.NameZh; nen.Value = p.NameEn; dzh.Value = p.DescriptionZh;
            den.Value = p.DescriptionEn; price.Value = p.Price; currency.Value = p.Currency; cat.Value = p.CategoryId;
            published.Value = p.IsPublished; image.Value = (object?)p.ImageUrl ?? DBNull.Value;
            created.Value = p.CreatedAt; updated.Value = p.UpdatedAt; search.Value = p.SearchText;
            searchName.Value = p.SearchName; searchBody.Value = p.SearchBody;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
