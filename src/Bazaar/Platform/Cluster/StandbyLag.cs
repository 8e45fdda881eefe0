using Npgsql;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// What the standby says of itself: whether it is still one (not promoted) and how many seconds it
/// trails the primary. Read by the readiness check and by <see cref="StandbyReads"/>.
/// </summary>
public static class StandbyLag
{
    // A standby that has replayed all it received is caught up, however long ago the last write was;
    // otherwise the lag is the age of the last transaction it replayed.
    private const string Sql = """
        SELECT pg_is_in_recovery(),
               CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                    ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8
        """;

    public static async Task<(bool IsStandby, double LagSeconds)> ReadAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var row = await command.ExecuteReaderAsync(ct);
        await row.ReadAsync(ct);
        return (row.GetBoolean(0), row.GetDouble(1));
    }
}
