using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Bazaar.Platform.Health;

/// <summary>
/// How far the hot standby (<c>ConnectionStrings:Standby</c>) trails the primary, in seconds: what
/// a catalog read from it may miss. Degraded, never unhealthy: the shop serves from the primary
/// without a standby, so a lagging or missing standby must not take instances out of the balancer.
/// </summary>
internal sealed class ReplicationLagCheck(IConfiguration config) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var limit = config.GetValue("Cluster:MaxReplicationLag", TimeSpan.FromSeconds(30));
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Standby")) { Pooling = false, Timeout = 3 };
        try
        {
            var (isStandby, lag) = await Cluster.StandbyLag.ReadAsync(cs.ConnectionString, ct);
            if (!isStandby)
                return HealthCheckResult.Degraded($"{cs.Host}:{cs.Port} is not a standby (promoted?): no replica to read from.");
            var data = new Dictionary<string, object> { ["lagSeconds"] = lag };
            var text = string.Create(CultureInfo.InvariantCulture, $"replication lag {lag:0.0} s (limit {limit.TotalSeconds:0} s)");
            return lag > limit.TotalSeconds ? HealthCheckResult.Degraded(text, data: data) : HealthCheckResult.Healthy(text, data);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("The standby does not answer: reads go to the primary.", e);
        }
    }
}
