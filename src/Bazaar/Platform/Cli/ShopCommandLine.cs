using System.CommandLine;
using System.CommandLine.Invocation;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Platform.Cli;

/// <summary>
/// The shop's executable is also its operator command line: `bazaar migrate`, `bazaar seed`,
/// `bazaar create-admin`, `bazaar import products`, `bazaar export products`, `bazaar backup`, `bazaar audit verify`, `bazaar capacity`. They run against the same configuration as the web shop. Exit codes:
/// 0 done, 1 the command failed (its reason on stderr), 2 bad arguments, 130 interrupted.
/// </summary>
public static class ShopCommandLine
{
    public const int Failed = 1, Usage = 2, Interrupted = 130;
    private static readonly string[] HelpAndVersion = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// A command, help or version, or any bare first word: the web shop takes only switches
    /// (`--urls X`) and `key=value` pairs, so a bare word is a command, possibly mistyped, which
    /// deserves an error rather than a shop silently starting.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (HelpAndVersion.Contains(args[0]) || IsBareWord(args[0]));

    private static bool IsBareWord(string arg) => arg.Length > 0 && arg[0] is not '-' and not '/' && !arg.Contains('=');

    /// <param name="composeShop">The shop's services, composed only when a command runs: `--help`
    /// and bad arguments never need (or fail on) the configuration.</param>
    public static async Task<int> RunAsync(string[] args, Func<WebApplicationBuilder> composeShop)
    {
        await using var shop = new CommandShop(composeShop);
        var root = new RootCommand("Bazaar: run with no command to serve the shop; the commands below maintain it.")
        {
            MigrateCommand.Create(shop),
            SeedCommand.Create(shop),
            CreateAdminCommand.Create(shop),
            ImportCommand.Create(shop),
            ExportCommand.Create(shop),
            BackupCommand.Create(shop),
            AuditCommand.Create(shop),
            CapacityCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
            return ReportUsage(parse);
        // Ctrl+C or SIGTERM cancels the command, which rolls back its open transaction and ends
        // cleanly; a second one ends the process at once.
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            if (stop.IsCancellationRequested)
                return;
            signal.Cancel = true;
            stop.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            var settings = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(settings, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{Name(parse)}: interrupted; what was already committed is kept.");
            return Interrupted;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"{Name(parse)}: {Describe(e)}");
            if (shop.Log(e))
                await Console.Error.WriteLineAsync("For the stack trace, run again with Logging__LogLevel__Default=Debug.");
            return Failed;
        }
    }

    private static int ReportUsage(ParseResult parse)
    {
        if (parse.CommandResult.Command is RootCommand root && parse.UnmatchedTokens.Count > 0)
        {
            // Not also "Required command was not provided": the word given was meant as one.
            var word = parse.UnmatchedTokens[0];
            var guess = root.Subcommands.Select(c => c.Name).FirstOrDefault(c => Distance(c, word) <= 2);
            Console.Error.WriteLine($"bazaar: '{word}' is not a command." + (guess is null ? "" : $" Did you mean '{guess}'?"));
        }
        else
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"{Name(parse)}: {error.Message}");
        }
        Console.Error.WriteLine($"Run '{Name(parse)} --help' for usage.");
        return Usage;
    }

    /// <summary>Edits (insert, delete, replace) from one word to the other, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    /// <summary>The command as typed: "bazaar import products", not just its last word.</summary>
    private static string Name(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r.Command is not RootCommand; r = (System.CommandLine.Parsing.CommandResult)r.Parent!)
            names.Insert(0, r.Command.Name);
        return string.Join(' ', ["bazaar", .. names]);
    }

    /// <summary>The messages of an exception and its causes, without the stack: "Failed to connect to ...: Connection refused".</summary>
    internal static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
            if (!string.IsNullOrWhiteSpace(x.Message) && !messages.Any(m => m.Contains(x.Message.Trim(), StringComparison.Ordinal)))
                messages.Add(x.Message.Trim().TrimEnd('.'));
        return string.Join(": ", messages) + ".";
    }
}

/// <summary>The shop's services for a command, built on first use, logging to stderr so stdout carries only the command's own output.</summary>
public sealed class CommandShop(Func<WebApplicationBuilder> compose) : IAsyncDisposable
{
    private WebApplication? _app;

    public WebApplication App => _app ??= Build();

    private WebApplication Build()
    {
        var builder = compose();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A fresh PostgreSQL database makes EF log its probes (does the database exist, the missing
        // migrations table: npgsql/efcore.pg#3407) as failures; a command's real failures reach the
        // user once, as its error message.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.None);
        return builder.Build();
    }

    /// <summary>Logs the failure with its stack at Debug level; false when the shop never got built.</summary>
    public bool Log(Exception e)
    {
        _app?.Logger.LogDebug(e, "The command failed.");
        return _app is not null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }
}
