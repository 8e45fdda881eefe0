using Bazaar.Platform.Cluster;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Telemetry;

/// <summary>
/// bazaar.replication.lag is on /metrics while a standby answers (the lag its readiness check last
/// found), and absent without one: no value rather than a made-up zero. The lagging standby is
/// played by the test, as in StandbyReadsTests (a real replica is deploy/ha-test.sh's).
/// </summary>
public sealed class ReplicationLagMetricTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private const string Lag = "bazaar_replication_lag_seconds";

    [Fact]
    public async Task A_shop_without_a_standby_reports_no_lag()
    {
        Assert.Null(Scraping.Sum((await shop.ScrapeFromAsync("127.0.0.1")).Body, Lag));
    }

    [Fact]
    public async Task A_standby_twelve_seconds_behind_shows_as_twelve_seconds()
    {
        await using var instance = shop.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Standby", shop.ConnectionString);
            b.UseSetting("Cluster:StandbyCheckInterval", "1.00:00:00");
        });
        var reads = instance.Services.GetRequiredService<StandbyReads>();

        // The check at start finds this "standby" is a primary (no lag to report) and may land after
        // the test's value: play the lag again until a scrape sees it.
        double? seen = null;
        for (var i = 0; i < 200 && seen is null; i++)
        {
            reads.LagSeconds = 12.5;
            seen = Scraping.Sum((await instance.ScrapeFromAsync("127.0.0.1")).Body, Lag);
        }

        Assert.Equal(12.5, seen);
        reads.LagSeconds = null;
        Assert.Null(Scraping.Sum((await instance.ScrapeFromAsync("127.0.0.1")).Body, Lag));
    }
}
