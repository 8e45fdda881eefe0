using System.CommandLine;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>`bazaar migrate`: applies pending migrations; a cluster runs it once instead of migrating at every instance's start.</summary>
internal static class MigrateCommand
{
    public static Command Create(CommandShop shop)
    {
        var command = new Command("migrate", "Apply pending database migrations (the shop also does this at start, unless Database:MigrateAtStart=false).");
        command.SetAction(async (_, ct) =>
        {
            await MigrateAndSeedAtStart.MigrateAsync(shop.App.Services, shop.App.Logger, ct);
            Console.WriteLine("The database schema is up to date.");
            return 0;
        });
        return command;
    }
}
