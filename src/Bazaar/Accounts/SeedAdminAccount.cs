using Bazaar.Platform.Data;

namespace Bazaar.Accounts;

/// <summary>
/// At first start: the roles and the admin account (Admin:UserName, default "admin"). Without
/// Admin:Password a random password is generated and printed once; it cannot be shown again. The
/// account has no authenticator app yet: its first sign-in is sent to enrol one (see AdminNeedsSecondFactor).
/// </summary>
internal sealed class SeedAdminAccount(IConfiguration config, ILogger<SeedAdminAccount> log) : IStartupTask
{
    public int Order => 10;

    public async Task RunAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var userName = config["Admin:UserName"] is { Length: > 0 } n ? n : "admin";
        var outcome = await scoped.GetRequiredService<CreateAdmin>().HandleAsync(userName, config["Admin:Password"]);
        if (!outcome.Succeeded)
        {
            log.LogError("Could not create the admin account {UserName}: {Problem}", userName, outcome.Problem!.Detail);
            return;
        }
        if (outcome.Value!.GeneratedPassword is { } password)
        {
            // Printed, not logged: log files are kept and shipped, this line must not be.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" Admin account created. User name: {userName}");
            Console.WriteLine($" Password (shown once, write it down): {password}");
            Console.WriteLine(" At first sign-in you set up an authenticator app (two-factor");
            Console.WriteLine(" sign-in is required for operators) before the back office opens.");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
        else if (!outcome.Value.AlreadyExisted)
        {
            log.LogInformation("Admin account {UserName} created with the configured password.", userName);
        }
    }
}
