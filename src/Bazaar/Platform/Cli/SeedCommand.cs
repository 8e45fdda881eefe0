using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Bazaar.Catalog;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>`bazaar seed [--products N]`: roles, admin and demo catalog when missing, then N generated products with stock.</summary>
internal static class SeedCommand
{
    public static Command Create(CommandShop shop)
    {
        var products = new Option<int?>("--products")
        {
            Description = $"Also add N generated products with stock (1 to {BulkSeedProducts.MaxProducts:N0}).",
            HelpName = "N",
            CustomParser = ParseCount,
        };
        var command = new Command("seed",
            "Migrate, then seed what is missing: roles, the admin account, the demo catalog. With --products, add N generated products.")
        { products };
        command.Subcommands.Add(SeedCustomersCommand.Create(shop));
        command.SetAction(async (parse, ct) =>
        {
            var app = shop.App;
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await MigrateAndSeedAtStart.RunStartupTasksAsync(app.Services, ct);
            if (parse.GetValue(products) is not { } n)
            {
                Console.WriteLine("Roles, the admin account and the demo catalog (unless Seed:DemoCatalog=false) are in place.");
                return 0;
            }
            var clock = TimeProvider.System;
            var started = clock.GetTimestamp();
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<BulkSeedProducts>();
            await ConsoleProgress.RunAsync($"Seeding {n:N0} products", n, progress => seeder.HandleAsync(n, progress, ct));
            var seconds = clock.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"Added {n:N0} products with stock in {seconds:0.0} s ({n / Math.Max(seconds, 0.001):N0} products/s).");
            return 0;
        });
        return command;
    }

    /// <summary>A count the seeder accepts, or a parse error naming the option and the range: never an exception.</summary>
    private static int? ParseCount(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= BulkSeedProducts.MaxProducts)
            return n;
        result.AddError($"--products must be a whole number from 1 to {BulkSeedProducts.MaxProducts:N0}, not '{token}'.");
        return null;
    }
}
