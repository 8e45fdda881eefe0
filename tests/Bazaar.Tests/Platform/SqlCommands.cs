using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bazaar.Tests.Platform;

/// <summary>
/// Records the SQL commands EF Core sends to one database (tests run side by side, each shop on a
/// database of its own, so commands are told apart by the connection's database or file).
/// </summary>
public sealed class SqlCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly Func<DbConnection, bool> _mine;
    private readonly ConcurrentQueue<string> _seen = new();
    private readonly List<IDisposable> _subscriptions = [];

    private SqlCommands(Func<DbConnection, bool> mine)
    {
        _mine = mine;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public static SqlCommands On(ShopFactory shop) => shop switch
    {
        PostgresShop pg => new SqlCommands(c => c.Database == pg.DatabaseName),
        _ => new SqlCommands(c => c.DataSource is { } file && file.Contains(((SqliteShop)shop).DataDirectory, StringComparison.Ordinal)),
    };

    public IReadOnlyList<string> Texts => _seen.ToList();

    public int Count(Func<string, bool> which) => _seen.Count(which);

    public void Clear() => _seen.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data
            && data.Command.Connection is { } connection && _mine(connection))
            _seen.Enqueue(data.Command.CommandText);
    }

    public void Dispose()
    {
        lock (_subscriptions)
            foreach (var s in _subscriptions)
                s.Dispose();
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
