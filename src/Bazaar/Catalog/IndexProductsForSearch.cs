using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// At start: gives search words to products saved before the storefront search existed (their
/// SearchName is empty), in batches. On SQLite it also makes sure the triggers that keep the FTS5
/// table in step with Products are there: EF Core rebuilds a SQLite table (dropping its triggers)
/// for some future migrations, and a search index that silently stopped following would be worse
/// than a slow start, so missing triggers are recreated and the index rebuilt from the table.
/// </summary>
public sealed class IndexProductsForSearch(ShopDb db, ILogger<IndexProductsForSearch> log) : IStartupTask
{
    private const int Batch = 2_000;

    public int Order => 50; // after the demo catalog

    public async Task RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            await EnsureSqliteTriggersAsync(ct);
        var indexed = 0;
        while (true)
        {
            var products = await db.Set<Product>().Where(p => p.SearchName == "").OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
            if (products.Count == 0)
                break;
            foreach (var p in products)
                p.RefreshSearchText();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            indexed += products.Count;
        }
        if (indexed > 0)
            log.LogInformation("Indexed {Count} products for search", indexed);
    }

    private async Task EnsureSqliteTriggersAsync(CancellationToken ct)
    {
        var present = await db.Database.SqlQuery<int>(
            $"SELECT count(*) AS Value FROM sqlite_master WHERE type = 'trigger' AND name IN ('Products_search_ai', 'Products_search_ad', 'Products_search_au')")
            .SingleAsync(ct);
        if (present == 3)
            return;
        log.LogWarning("The search index's triggers were missing ({Present} of 3); recreating them and rebuilding the index", present);
        foreach (var sql in SqliteProductSearchSchema.Triggers)
            await db.Database.ExecuteSqlRawAsync(sql, ct);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO ProductSearch(ProductSearch) VALUES ('rebuild')", ct);
    }
}

/// <summary>The SQLite side of the search index: an FTS5 table over Products' words, and its vocabulary.</summary>
public static class SqliteProductSearchSchema
{
    public const string Table =
        "CREATE VIRTUAL TABLE IF NOT EXISTS ProductSearch USING fts5(SearchName, SearchBody, content='Products', content_rowid='Id')";

    public const string Vocabulary =
        "CREATE VIRTUAL TABLE IF NOT EXISTS ProductSearchWords USING fts5vocab(ProductSearch, 'row')";

    public static readonly string[] Triggers =
    [
        """
        CREATE TRIGGER IF NOT EXISTS Products_search_ai AFTER INSERT ON Products BEGIN
          INSERT INTO ProductSearch(rowid, SearchName, SearchBody) VALUES (new.Id, new.SearchName, new.SearchBody);
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS Products_search_ad AFTER DELETE ON Products BEGIN
          INSERT INTO ProductSearch(ProductSearch, rowid, SearchName, SearchBody) VALUES ('delete', old.Id, old.SearchName, old.SearchBody);
        END
        """,
        """
        CREATE TRIGGER IF NOT EXISTS Products_search_au AFTER UPDATE OF SearchName, SearchBody ON Products BEGIN
          INSERT INTO ProductSearch(ProductSearch, rowid, SearchName, SearchBody) VALUES ('delete', old.Id, old.SearchName, old.SearchBody);
          INSERT INTO ProductSearch(rowid, SearchName, SearchBody) VALUES (new.Id, new.SearchName, new.SearchBody);
        END
        """,
    ];
}
