using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Bazaar.Tests.Telemetry;

/// <summary>The SQLite shop with every category at Trace and a provider that keeps every line.</summary>
public sealed class LoggedShop : ShopFactory
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", Guid.NewGuid().ToString("N"));
    public CapturedLogs Logs { get; } = new();
    public override string ProviderName => "Sqlite";

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _dir,
        ["Redis:Configuration"] = "",
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
        ["Logging:LogLevel:ZiggyCreatures.Caching.Fusion"] = "Trace",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs)
            .AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
