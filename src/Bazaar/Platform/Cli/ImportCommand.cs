using System.CommandLine;
using Bazaar.Catalog;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>
/// `bazaar import products FILE.csv`: creates and updates products from a CSV file (the format is
/// <see cref="ProductCsv"/>), with a progress bar, then the report: counts and every rejected line.
/// Exit 0 when every row was imported, 1 when some rows were rejected (the others were imported),
/// 2 when the file itself was refused or could not be read to its end.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CommandShop shop)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "UTF-8 CSV with the header sku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published " +
                          "(any order; descriptions, stock and published may be left out).",
        };
        file.AcceptExistingOnly();
        var products = new Command("products", "Create or update products by SKU from a CSV file; rejected rows are listed with their line.")
        { file };
        products.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var app = shop.App;
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportProducts>();
            await using var stream = new FileStream(path.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            // A wrong file is said at once, without a progress bar that would suggest it was being imported.
            if (await ImportProducts.CheckFileAsync(stream, ct) is { } refused)
            {
                await Console.Error.WriteLineAsync($"bazaar import products: {path.Name} was not imported. {refused.Detail}");
                return ShopCommandLine.Usage;
            }

            var clock = TimeProvider.System;
            var started = clock.GetTimestamp();
            var by = new ImportActor(null, $"{Environment.UserName} (command line)");
            ImportReport report = null!;
            await ConsoleProgress.RunAsync($"Importing {path.Name}", stream.Length, Size, async progress =>
            {
                var outcome = await import.HandleAsync(stream, path.Name, by, new Bytes(progress), ct);
                report = outcome.Value ?? throw new InvalidOperationException(outcome.Problem!.Detail);
            });
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            Print(path.Name, report, seconds);
            if (report.Stopped is { } stopped)
            {
                await Console.Error.WriteLineAsync($"bazaar import products: {stopped}");
                return ShopCommandLine.Usage;
            }
            return report.RejectedCount > 0 ? ShopCommandLine.Failed : 0;
        });
        return new Command("import", "Import data from a file.") { products };
    }

    /// <summary>The report on stdout, one rejected row a line, so it can be kept with `> report.txt` and read beside the file.</summary>
    private static void Print(string file, ImportReport r, double seconds)
    {
        Console.WriteLine($"Imported {file} in {seconds:0.0} s: {r.Rows:N0} rows, {r.Created:N0} created, {r.Updated:N0} updated, " +
                          $"{r.Unchanged:N0} unchanged, {r.RejectedCount:N0} rejected.");
        if (r.RejectedCount == 0)
            return;
        Console.WriteLine("Rejected rows (the header is line 1):");
        foreach (var row in r.Rejected)
            Console.WriteLine($"  line {row.Line}{(row.Sku is null ? "" : $" ({row.Sku})")}: {row.Reason}");
        if (r.RejectedCount > r.Rejected.Count)
            Console.WriteLine($"  … and {r.RejectedCount - r.Rejected.Count:N0} more.");
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024:0.0} MB" : $"{bytes / 1024.0:0} KB";

    private sealed class Bytes(IProgress<long> bar) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => bar.Report(value.Bytes);
    }
}
