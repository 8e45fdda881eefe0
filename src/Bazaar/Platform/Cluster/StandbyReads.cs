using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// Whether catalog reads may go to the hot standby: every <c>Cluster:StandbyCheckInterval</c> (2 s)
/// it asks the standby whether it is still one (not promoted) and how far it trails the primary.
/// Above <c>Cluster:MaxReadStaleness</c> (5 s), unreachable, or promoted: reads go to the primary
/// until it has caught up again. Listings and search may be that stale; a product's own cached
/// record is always loaded from the primary, or an eviction right after a change could be
/// refilled from a standby that has not seen the change yet.
/// </summary>
public sealed class StandbyReads(IConfiguration config, TimeProvider clock, ILogger<StandbyReads> log) : BackgroundService
{
    private volatile bool _usable;

    /// <summary>True while the standby answers, is still a standby and is caught up within the allowed staleness.</summary>
    public bool Usable
    {
        get => _usable;
        internal set => _usable = value; // tests play a caught-up standby
    }

    /// <summary>Seconds the standby trailed the primary at the last check; null while it does not answer as a standby.</summary>
    public double? LagSeconds
    {
        get => Volatile.Read(ref _lag) is var lag && double.IsNaN(lag) ? null : lag;
        internal set => Volatile.Write(ref _lag, value ?? double.NaN); // tests play a lagging standby
    }

    private double _lag = double.NaN;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = config.GetValue("Cluster:StandbyCheckInterval", TimeSpan.FromSeconds(2));
        var staleness = config.GetValue("Cluster:MaxReadStaleness", TimeSpan.FromSeconds(5));
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Standby")) { Timeout = 2, CommandTimeout = 2 };
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            var was = _usable;
            _usable = await CaughtUpAsync(cs.ConnectionString, staleness, stop);
            if (was != _usable)
                log.LogWarning("Catalog reads now go to the {Server}.", _usable ? "standby" : "primary");
        }
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task<bool> CaughtUpAsync(string connectionString, TimeSpan staleness, CancellationToken ct)
    {
        try
        {
            var (isStandby, lag) = await StandbyLag.ReadAsync(connectionString, ct);
            LagSeconds = isStandby ? lag : null;
            return isStandby && lag <= staleness.TotalSeconds;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            log.LogDebug(e, "The standby did not answer.");
            LagSeconds = null;
            return false;
        }
    }
}

/// <summary>
/// The database that catalog listings and search read from: the standby while it is caught up,
/// the primary otherwise (and always without a standby configured, as in the embedded mode).
/// Writes never go through it.
/// </summary>
public sealed class CatalogReads(ShopDb primary, IServiceProvider services, StandbyReads? standby = null)
{
    public ShopDb Db => standby is { Usable: true } ? services.GetRequiredService<StandbyShopDb>() : primary;

    public static void Register(WebApplicationBuilder builder)
    {
        var s = builder.Services;
        var standby = builder.Configuration.GetConnectionString("Standby");
        if (!string.IsNullOrWhiteSpace(standby)
            && builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite) == DatabaseProvider.Postgres)
        {
            s.AddDbContextPool<StandbyShopDb>(o => o.UseNpgsql(standby)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, Bazaar.Platform.Data.ModelPerCipher>());
            s.AddSingleton<StandbyReads>();
            s.AddHostedService(sp => sp.GetRequiredService<StandbyReads>());
        }
        s.AddScoped(sp => new CatalogReads(sp.GetRequiredService<ShopDb>(), sp, sp.GetService<StandbyReads>()));
    }
}
