using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Security.Cryptography;
using Bazaar.Accounts;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>
/// `bazaar seed customers N --tokens FILE`: N customer accounts (prefix1 … prefixN, kept when they
/// exist) with a default address each, and a bearer token for each written to FILE, one line per
/// customer: "token addressId userName". For load tests: bench/run.sh's flash-sale crowd.
/// </summary>
internal static class SeedCustomersCommand
{
    public const string PasswordVariable = "BAZAAR_SEED_PASSWORD";

    public static Command Create(CommandShop shop)
    {
        var count = new Argument<int>("N")
        {
            Description = $"How many customers (1 to {SeedCustomers.MaxCustomers:N0}).",
            CustomParser = ParseCount,
        };
        var tokens = new Option<FileInfo>("--tokens")
        {
            Description = "Where to write one line per customer: bearer token, address id, user name (valid for the bearer token lifetime, an hour).",
            HelpName = "FILE", Required = true,
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "User names are this followed by 1 … N.", HelpName = "name", DefaultValueFactory = _ => "customer",
        };
        var password = new Option<string?>("--password")
        {
            Description = $"The password of every new account (8 characters or more). Omit it (and {PasswordVariable}) to have one generated and printed once.",
            HelpName = "password",
        };
        var command = new Command("customers",
            "Add N customers with an address and write a bearer token for each; existing ones (same names) only get new tokens.")
        { count, tokens, prefix, password };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(count);
            var given = parse.GetValue(password) ?? Environment.GetEnvironmentVariable(PasswordVariable);
            var secret = given ?? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
            if (SeedCustomers.Check(n, parse.GetValue(prefix)!, secret) is { } problem)
            {
                await Console.Error.WriteLineAsync($"bazaar seed customers: {problem}");
                return ShopCommandLine.Usage;
            }
            var app = shop.App;
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await MigrateAndSeedAtStart.RunStartupTasksAsync(app.Services, ct);
            var file = parse.GetValue(tokens)!;
            var started = TimeProvider.System.GetTimestamp();
            await using (var scope = app.Services.CreateAsyncScope())
            await using (var output = new StreamWriter(file.FullName, append: false))
            {
                var seeder = ActivatorUtilities.CreateInstance<SeedCustomers>(scope.ServiceProvider);
                await ConsoleProgress.RunAsync($"Seeding {n:N0} customers", n, progress => seeder.HandleAsync(n, parse.GetValue(prefix)!, secret,
                    c => output.WriteLineAsync($"{c.AccessToken} {c.AddressId} {c.UserName}"), progress, ct));
            }
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine($"{n:N0} customers with a token each in {file.FullName} ({seconds:0.0} s).");
            if (given is null)
                Console.WriteLine($"The password of the new accounts (shown once): {secret}");
            return 0;
        });
        return command;
    }

    private static int ParseCount(ArgumentResult result)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= SeedCustomers.MaxCustomers)
            return n;
        result.AddError($"N must be a whole number from 1 to {SeedCustomers.MaxCustomers:N0}, not '{token}'.");
        return 0;
    }
}
