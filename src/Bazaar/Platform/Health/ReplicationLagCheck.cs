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
    // A standby that has replayed all it received is caught up, however long ago the last write was;
    // otherwise the lag is the age of the last transaction it replayed.
    private const string LagSql = """
        SELECT pg_is_in_recovery(),
               CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                    ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var limit = config.GetValue("Cluster:MaxReplicationLag", TimeSpan.FromSeconds(30));
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Standby")) { Pooling = false, Timeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(cs.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(LagSql, connection);
            await using var row = await command.ExecuteReaderAsync(ct);
            await row.ReadAsync(ct);
            if (!row.GetBoolean(0))
                return HealthCheckResult.Degraded($"{cs.Host}:{cs.Port} is not a standby (promoted?): no replica to read from.");
            var lag = row.GetDouble(1);
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
