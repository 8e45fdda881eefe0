using System.CommandLine;
using Bazaar.Accounts;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Cli;

/// <summary>`bazaar create-admin`: an operator account in the Admin role, or the Admin role for an existing account.</summary>
internal static class CreateAdminCommand
{
    public const string PasswordVariable = "BAZAAR_ADMIN_PASSWORD";

    public static Command Create(CommandShop shop)
    {
        var userName = new Option<string>("--user-name")
        {
            Description = "The operator's user name.", HelpName = "name", DefaultValueFactory = _ => "admin",
        };
        userName.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValueOrDefault<string>()))
                r.AddError("--user-name must not be empty.");
        });
        var password = new Option<string?>("--password")
        {
            Description = $"At least 8 characters. Omit it (and {PasswordVariable}) to have one generated and printed once; " +
                          $"{PasswordVariable} keeps it out of shell history.",
            HelpName = "password",
        };
        password.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { Length: 0 })
                r.AddError("--password is empty; omit it to have one generated.");
        });
        var command = new Command("create-admin", "Create an operator account in the Admin role (an existing account is added to the role).")
        { userName, password };
        command.SetAction(async (parse, ct) =>
        {
            var app = shop.App;
            await MigrateAndSeedAtStart.MigrateAsync(app.Services, app.Logger, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var name = parse.GetValue(userName)!.Trim();
            var given = parse.GetValue(password) ?? Environment.GetEnvironmentVariable(PasswordVariable);
            var outcome = await scope.ServiceProvider.GetRequiredService<CreateAdmin>().HandleAsync(name, given);
            if (!outcome.Succeeded)
            {
                await Console.Error.WriteLineAsync($"bazaar create-admin: could not create '{name}': {outcome.Problem!.Detail}");
                return ShopCommandLine.Failed;
            }
            var created = outcome.Value!;
            if (created.AlreadyExisted)
                Console.WriteLine($"{created.UserName} already exists and is now in the Admin role; its password was not changed.");
            else if (created.GeneratedPassword is { } generated)
                Console.WriteLine($"Created {created.UserName} in the Admin role. Password (shown once, write it down): {generated}");
            else
                Console.WriteLine($"Created {created.UserName} in the Admin role.");
            // The escape hatch for a first operator is the password alone: it signs in, and the back office
            // sends it to enrol an authenticator app before any admin page or API opens.
            Console.WriteLine("At first sign-in the back office asks to set up an authenticator app (/account/two-factor).");
            return 0;
        });
        return command;
    }
}
