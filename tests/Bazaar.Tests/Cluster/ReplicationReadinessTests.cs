using System.Net;
using System.Text.Json;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Bazaar.Tests.Cluster;

/// <summary>
/// /readyz names the standby's replication lag when one is configured, and a standby that is gone
/// or was promoted leaves the instance ready (200, Degraded): reads fall back to the primary.
/// A real standby's lag in seconds is checked by deploy/failover-test.sh on the cluster.
/// </summary>
public sealed class ReplicationReadinessTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private async Task<(HttpStatusCode Code, JsonElement Body)> ReadyzWithStandbyAsync(string? standby)
    {
        var instance = shop.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Standby", standby));
        var response = await instance.CreateClient().GetAsync("/readyz");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task A_standby_that_is_really_a_primary_leaves_the_instance_ready_but_degraded()
    {
        var (code, body) = await ReadyzWithStandbyAsync(shop.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Degraded", body.GetProperty("status").GetString());
        var replication = body.GetProperty("checks").GetProperty("replication");
        Assert.Equal("Degraded", replication.GetProperty("status").GetString());
        Assert.Contains("not a standby", replication.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_standby_that_does_not_answer_leaves_the_instance_ready_but_degraded()
    {
        var (code, body) = await ReadyzWithStandbyAsync(
            new NpgsqlConnectionStringBuilder(shop.ConnectionString) { Port = 1 }.ConnectionString);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Degraded", body.GetProperty("checks").GetProperty("replication").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_a_standby_readiness_has_no_replication_entry()
    {
        var (code, body) = await ReadyzWithStandbyAsync(null);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.False(body.GetProperty("checks").TryGetProperty("replication", out _));
    }
}
