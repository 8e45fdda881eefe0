using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bazaar.Tests.Telemetry;

/// <summary>Every log line the shop writes, at every level, with its scopes and exception, as text.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string category) => new Logger(this, category);

    public void SetScopeProvider(IExternalScopeProvider scopes) => _scopes = scopes;

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel level) => level != LogLevel.None;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{level} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values)
                    line.Append($" | {key}={value}");
            logs._scopes.ForEachScope((scope, text) =>
            {
                text.Append(" => ").Append(scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs)
                        text.Append($" | {key}={value}");
            }, line);
            if (exception is not null)
                line.Append(" ! ").Append(exception);
            logs._lines.Enqueue(line.ToString());
        }
    }
}
