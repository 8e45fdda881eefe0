using System.CommandLine;
using Bazaar.Catalog;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>`bazaar export products FILE.csv`: every product in the CSV format `bazaar import products` reads.</summary>
internal static class ExportCommand
{
    public static Command Create(CommandShop shop)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Where to write the CSV (UTF-8 with a byte order mark, for Excel); replaced if it exists." };
        var products = new Command("products", "Write every product (published or not) with its on-hand stock as CSV.") { file };
        products.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (path.Directory is { Exists: false } dir)
            {
                await Console.Error.WriteLineAsync($"bazaar export products: the folder {dir.FullName} does not exist.");
                return ShopCommandLine.Usage;
            }
            var app = shop.App;
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var export = scope.ServiceProvider.GetRequiredService<ExportProducts>();
            var clock = TimeProvider.System;
            var started = clock.GetTimestamp();
            // Written beside the target and moved over it at the end: an interrupted export never
            // leaves a file that looks whole but lacks products.
            var partial = path.FullName + ".partial";
            int count;
            try
            {
                await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                    count = await export.HandleAsync(output, new ImportActor(null, $"{Environment.UserName} (command line)"), ct);
                File.Move(partial, path.FullName, overwrite: true);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }
            Console.WriteLine($"Exported {count:N0} products to {path.FullName} in {clock.GetElapsedTime(started).TotalSeconds:0.0} s.");
            return 0;
        });
        return new Command("export", "Export data to a file.") { products };
    }
}
