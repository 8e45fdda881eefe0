using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bazaar.Tests.Platform;

/// <summary>
/// Every test shop has one (an EF Core interceptor registered as a service): while a test listens,
/// it records the SQL commands that shop sends to its database.
/// </summary>
public sealed class SqlCommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _seen = new();
    private int _listeners;

    public SqlCommands Listen()
    {
        _seen.Clear();
        Interlocked.Increment(ref _listeners);
        return new SqlCommands(this);
    }

    internal IReadOnlyList<string> Seen => _seen.ToList();

    internal void Stop() => Interlocked.Decrement(ref _listeners);

    private void Record(DbCommand command)
    {
        if (Volatile.Read(ref _listeners) > 0)
            _seen.Enqueue(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken ct = default)
    { Record(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken ct = default)
    { Record(command); return ValueTask.FromResult(result); }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    { Record(command); return result; }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken ct = default)
    { Record(command); return ValueTask.FromResult(result); }
}

/// <summary>What one shop sent to its database while the test listened.</summary>
public sealed class SqlCommands(SqlCommandLog log) : IDisposable
{
    public static SqlCommands On(ShopFactory shop) => shop.Sql.Listen();

    public IReadOnlyList<string> Texts => log.Seen;

    public int Count(Func<string, bool> which) => Texts.Count(which);

    public void Dispose() => log.Stop();
}
