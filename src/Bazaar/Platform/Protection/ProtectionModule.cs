using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bazaar.Platform.Protection;

public static class ProtectionModule
{
    public static WebApplicationBuilder AddProtection(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton(sp => KeyRing.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        s.AddSingleton<FieldCipher>();
        s.AddSingleton<BlindIndex>();
        s.AddSingleton<IInterceptor, BlindIndexStamp>();
        s.AddScoped<ProtectStoredData>();
        return builder;
    }

    /// <summary>
    /// After migrating: values an older version stored in clear are encrypted before the shop
    /// takes traffic (the converters refuse clear text). Cheap when there are none: one filtered
    /// query per table.
    /// </summary>
    public static async Task ProtectClearTextAsync(IServiceProvider scoped, ILogger log, CancellationToken ct)
    {
        var ring = scoped.GetRequiredService<KeyRing>();
        if (ring.Generated)
            log.LogWarning("Made the personal-data key file {File}: back it up with the database, which cannot be read without it.", ring.Source);
        var tables = await scoped.GetRequiredService<ProtectStoredData>().RunAsync(rotate: false, ct);
        foreach (var table in tables.Where(t => t.Changed))
            log.LogInformation("Encrypted {Values} value(s) left in clear and indexed {Indexed} in {Table}.",
                table.Encrypted, table.Indexed, table.Table);
        var db = scoped.GetRequiredService<ShopDb>();
        if (tables.Any(t => t.Encrypted > 0) && !db.IsPostgres)
        {
            // SQLite keeps the overwritten clear text in free pages and in the write-ahead log until
            // they are reused: rewrite the file and empty the log, so the file itself holds none.
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
    }
}
