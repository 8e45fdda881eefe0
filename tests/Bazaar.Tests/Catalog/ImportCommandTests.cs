using System.Text;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.ProductFiles;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// `bazaar import products FILE.csv` and `bazaar export products FILE.csv` as an operator runs them:
/// the built bazaar.dll as a process against a database of its own; the report on stdout, the exit
/// code saying whether everything went in (0), some rows were rejected (1) or the file was refused (2).
/// </summary>
public abstract class ImportCommandTests(CliDatabase db) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bazaar-import-cli-").FullName;

    private string Write(string name, string csv)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, Utf8(csv));
        return path;
    }

    private static string Sku() => "CLI-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private Task<long> CountAsync(string sku) => db.CountAsync($"""SELECT COUNT(*) FROM "Products" WHERE "Sku" = '{sku}'""");

    // The categories a file names come with the demo catalog.
    public async Task InitializeAsync() => Assert.Equal(0, (await db.RunAsync("seed")).ExitCode);

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Import_of_good_rows_exits_0_with_the_counts_and_an_export_imports_back_unchanged()
    {
        var (a, b) = (Sku(), Sku());
        var file = Write("good.csv", Csv(Header, Row(a, stock: "12"), Row(b, nameZh: "命令行 商品")));

        var run = await db.RunAsync("import", "products", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported good.csv in ", run.Out);
        Assert.Contains("2 rows, 2 created, 0 updated, 0 unchanged, 0 rejected.", run.Out);
        Assert.Contains("(100%)", run.Out); // plain progress lines: stdout is not a terminal
        Assert.Equal(1, await CountAsync(a));
        Assert.Equal(12, await db.CountAsync($"""SELECT "OnHand" FROM "StockLevels" s JOIN "Products" p ON p."Id" = s."ProductId" WHERE p."Sku" = '{a}'"""));

        var exported = Path.Combine(_dir, "all.csv");
        var export = await db.RunAsync("export", "products", exported);
        Assert.True(export.ExitCode == 0, export.ToString());
        var products = await db.CountAsync("""SELECT COUNT(*) FROM "Products" """);
        Assert.Contains($"Exported {products:N0} products", export.Out);
        Assert.Contains("命令行 商品", await File.ReadAllTextAsync(exported, Encoding.UTF8));
        var again = await db.RunAsync("import", "products", exported);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"{products:N0} rows, 0 created, 0 updated, {products:N0} unchanged, 0 rejected.", again.Out);
    }

    [Fact]
    public async Task Import_with_rejected_rows_exits_1_lists_each_line_on_stdout_and_imports_the_rest()
    {
        var good = Sku();
        var file = Write("mixed.csv", Csv(Header, Row(Sku(), price: "abc"), Row(good), Row(Sku(), category: "nowhere")));

        var run = await db.RunAsync("import", "products", file);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("3 rows, 1 created, 0 updated, 0 unchanged, 2 rejected.", run.Out);
        Assert.Matches(@"  line 2 \(CLI-\w+\): Price 'abc' is not a number", run.Out);
        Assert.Matches(@"  line 4 \(CLI-\w+\): There is no category 'nowhere'", run.Out);
        Assert.Equal(1, await CountAsync(good));
    }

    [Fact]
    public async Task A_file_without_the_required_columns_exits_2_and_writes_nothing()
    {
        var sku = Sku();
        var file = Write("wrong.csv", Csv("sku,nameZh,nameEn,category", $"{sku},名,Name,tea"));

        var run = await db.RunAsync("import", "products", file);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("bazaar import products: wrong.csv was not imported. The header has no price column", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal(0, await CountAsync(sku));
    }
}

public sealed class ImportCommandTests_Sqlite(SqliteCliDatabase db) : ImportCommandTests(db), IClassFixture<SqliteCliDatabase>;
public sealed class ImportCommandTests_Postgres(PostgresCliDatabase db) : ImportCommandTests(db), IClassFixture<PostgresCliDatabase>;
