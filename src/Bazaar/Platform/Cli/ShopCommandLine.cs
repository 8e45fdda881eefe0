using System.CommandLine;
using Bazaar.Accounts;
using Bazaar.Catalog;
using Bazaar.Platform.Data;
using Spectre.Console;

namespace Bazaar.Platform.Cli;

/// <summary>
/// The shop's executable is also its operator command line: `bazaar migrate`, `bazaar seed`,
/// `bazaar create-admin`. They run against the same configuration as the web shop.
/// </summary>
public static class ShopCommandLine
{
    private static readonly string[] Commands = ["migrate", "seed", "create-admin", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = new RootCommand("Bazaar: run with no command to serve the shop; the commands below maintain it.");
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(Seed(app));
        root.Subcommands.Add(CreateAdminCommand(app));
        return await root.Parse(args).InvokeAsync();
    }

    private static Command Migrate(WebApplication app)
    {
        var command = new Command("migrate", "Apply pending database migrations (the shop also does this at start).");
        command.SetAction(async (_, ct) =>
        {
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            AnsiConsole.MarkupLine("[green]Database is up to date.[/]");
            return 0;
        });
        return command;
    }

    private static Command Seed(WebApplication app)
    {
        var products = new Option<int?>("--products") { Description = "Add this many generated products (1 to 10,000,000) with stock." };
        var command = new Command("seed", "Seed roles, the admin account and the demo catalog; with --products, add N generated products.") { products };
        command.SetAction(async (parse, ct) =>
        {
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await MigrateAndSeedAtStart.RunStartupTasksAsync(app.Services, ct);
            if (parse.GetValue(products) is not { } n)
                return 0;
            if (n is < 1 or > 10_000_000)
            {
                AnsiConsole.MarkupLine("[red]--products must be between 1 and 10,000,000.[/]");
                return 2;
            }
            var started = TimeProvider.System.GetTimestamp();
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<BulkSeedProducts>();
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Seeding {n:N0} products", maxValue: n);
                    await seeder.HandleAsync(n, new Progress<int>(done => task.Value = done), ct);
                    task.Value = n;
                });
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            AnsiConsole.MarkupLine($"[green]Added {n:N0} products in {elapsed.TotalSeconds:0.0} s ({n / Math.Max(elapsed.TotalSeconds, 0.001):N0}/s).[/]");
            return 0;
        });
        return command;
    }

    private static Command CreateAdminCommand(WebApplication app)
    {
        var userName = new Option<string>("--user-name") { Description = "The operator's user name.", DefaultValueFactory = _ => "admin" };
        var password = new Option<string?>("--password") { Description = "Omit to generate one (printed once). Prefer BAZAAR_ADMIN_PASSWORD to keep it out of shell history." };
        var command = new Command("create-admin", "Create an operator account in the Admin role.") { userName, password };
        command.SetAction(async (parse, ct) =>
        {
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var given = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("BAZAAR_ADMIN_PASSWORD");
            var outcome = await scope.ServiceProvider.GetRequiredService<CreateAdmin>()
                .HandleAsync(parse.GetValue(userName)!, given);
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine($"Could not create the account: {outcome.Problem!.Detail}");
                return 1;
            }
            var created = outcome.Value!;
            if (created.AlreadyExisted)
                Console.WriteLine($"{created.UserName} already exists; it is now in the Admin role.");
            else if (created.GeneratedPassword is { } generated)
                Console.WriteLine($"Created {created.UserName}. Password (shown once): {generated}");
            else
                Console.WriteLine($"Created {created.UserName}.");
            return 0;
        });
        return command;
    }
}
