using Bazaar.Platform.Data;
using Npgsql;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// One pass of a background job at a time across every instance on the database: a PostgreSQL
/// session advisory lock, held on a connection of its own for the length of the pass. A crashed
/// instance's connection closes and its lock goes with it, so nothing waits for a lease to expire.
/// The jobs are correct without it (their changes are conditional updates); it keeps three
/// instances from asking the payment gateway the same question three times. On SQLite there is
/// only one process, and every pass is granted.
/// </summary>
public sealed class JobLease(DatabaseOptions database, IConfiguration config)
{
    /// <summary>The advisory lock's first key: Bazaar's jobs, apart from any other user of advisory locks.</summary>
    private const int JobsKeySpace = 0x42_5A_4A_42; // "BZJB"

    /// <summary>The lease, or null when another instance is running this job's pass right now.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string job, CancellationToken ct)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return Granted.Instance;
        // Not pooled: a pooled connection that failed to unlock would carry the lock to its next user.
        var cs = new NpgsqlConnectionStringBuilder(config.GetConnectionString("Shop")) { Pooling = false };
        var connection = new NpgsqlConnection(cs.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@space, hashtext(@job))", connection);
            take.Parameters.AddWithValue("space", JobsKeySpace);
            take.Parameters.AddWithValue("job", job);
            if (await take.ExecuteScalarAsync(ct) is true)
                return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Closing the session releases its advisory locks; nothing else to undo.</summary>
    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class Granted : IAsyncDisposable
    {
        public static readonly Granted Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
