using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Data;

/// <summary>
/// Applies migrations and runs the modules' start-up tasks before Kestrel starts listening, so
/// the first request never meets an empty schema. Turned off with Database:MigrateAtStart=false
/// (a cluster migrates once with `bazaar migrate` instead of racing on every instance).
/// </summary>
public sealed class MigrateAndSeedAtStart(IServiceProvider services, IConfiguration config,
    ILogger<MigrateAndSeedAtStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!config.GetValue("Database:MigrateAtStart", true))
            return;
        await MigrateAsync(services, log, ct);
        await RunStartupTasksAsync(services, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public static async Task MigrateAsync(IServiceProvider services, ILogger log, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            log.LogInformation("Applying {Count} migration(s): {Names}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        await ProtectionModule.ProtectClearTextAsync(scope.ServiceProvider, log, ct);
    }

    public static async Task RunStartupTasksAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>().OrderBy(t => t.Order))
            await task.RunAsync(scope.ServiceProvider, ct);
    }
}
