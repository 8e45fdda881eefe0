using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Bazaar.BrowserTests;

/// <summary>
/// The real shop as its own process (<c>dotnet bazaar.dll</c>), the way an operator runs it: on a
/// free loopback port, with a fresh data directory, and, when BAZAAR_TEST_POSTGRES is set, on a
/// fresh PostgreSQL database (created here, dropped at the end) with Redis.
/// </summary>
public sealed partial class ShopProcess : IAsyncDisposable
{
    public const string AdminUserName = "admin";
    public const string AdminPassword = "Admin-Browser-2026";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;
    private readonly string? _database;
    private readonly string? _serverConnectionString;

    public Uri BaseUrl { get; private set; } = null!;
    /// <summary>"Postgres" or "Sqlite": what this shop runs on.</summary>
    public string Provider => _database is null ? "Sqlite" : "Postgres";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private ShopProcess(Process process, string dataDirectory, string? database, string? serverConnectionString)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _database = database;
        _serverConnectionString = serverConnectionString;
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <param name="settings">More configuration for the shop ("Sandbox:BaseUrl" = …), passed as environment variables.</param>
    public static async Task<ShopProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = ShopAssemblyPath();
        var serverConnectionString = Environment.GetEnvironmentVariable("BAZAAR_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;
        if (serverConnectionString is null && IsCi)
            throw new InvalidOperationException(
                "CI=true but BAZAAR_TEST_POSTGRES is not set: the browser tests must run on PostgreSQL and Redis in CI. " +
                "Start them with scripts/test-services.sh and source the env file it prints.");
        var redis = serverConnectionString is null ? null
            : Environment.GetEnvironmentVariable("BAZAAR_TEST_REDIS") is { Length: > 0 } r ? r
            : throw new InvalidOperationException("BAZAAR_TEST_POSTGRES is set but BAZAAR_TEST_REDIS is not: source the env file of scripts/test-services.sh.");

        var dataDirectory = Path.Combine(Path.GetTempPath(), "bazaar-browser", Guid.NewGuid().ToString("N"));

        // The project folder is the content root, as with `dotnet run`: appsettings.json and wwwroot come from there.
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ProjectDirectory(dll),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add("http://127.0.0.1:0");
        var env = psi.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env.Remove("ASPNETCORE_URLS");
        env["DOTNET_NOLOGO"] = "1";
        env["Storage__DataDirectory"] = dataDirectory;
        env["Admin__UserName"] = AdminUserName;
        env["Admin__Password"] = AdminPassword;
        env["Seed__DemoCatalog"] = "true";
        env["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        // Every test's shopper signs in from 127.0.0.1: the per-address limits are for strangers.
        env["RateLimits__SignInsPerMinute"] = "100000";
        env["RateLimits__RegistrationsPerHour"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            env[key.Replace(":", "__")] = value;

        string? database = null;
        if (serverConnectionString is not null)
        {
            database = "bazaar_browser_" + Guid.NewGuid().ToString("N")[..16];
            await ExecuteAsync(serverConnectionString, $"CREATE DATABASE \"{database}\"");
            env["Database__Provider"] = "Postgres";
            env["ConnectionStrings__Shop"] = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
            env["Redis__Configuration"] = redis!;
        }
        else
        {
            env["Database__Provider"] = "Sqlite";
            env["ConnectionStrings__Shop"] = "";
            env["Redis__Configuration"] = "";
        }

        Directory.CreateDirectory(dataDirectory);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var shop = new ShopProcess(process, dataDirectory, database, serverConnectionString);
        try
        {
            await shop.LaunchAndWaitAsync();
        }
        catch
        {
            await shop.DisposeAsync();
            throw;
        }
        return shop;
    }

    private async Task LaunchAndWaitAsync()
    {
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } m)
                listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The shop process exited before listening."));

        if (!_process.Start())
            throw new InvalidOperationException("Could not start `dotnet` for the shop.");
        // Should the test host die without disposing, the shop must not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(ReadyTimeout);
        try
        {
            BaseUrl = await listening.Task.WaitAsync(deadline.Token);
            using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"The shop process exited with code {_process.ExitCode}.");
                try
                {
                    using var response = await http.GetAsync("/readyz", deadline.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        // Operators must use an authenticator app: the seeded admin enrols once, here.
                        await AdminAuthenticator.EnrolAsync(BaseUrl);
                        return;
                    }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested) { }
                await Task.Delay(250, deadline.Token);
            }
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? $"did not answer GET /readyz 200 within {ReadyTimeout.TotalSeconds:0} s" : e.Message;
            throw new InvalidOperationException($"The shop ({Provider}) {reason}\n--- shop output ---\n{Output}", e);
        }
    }

    [GeneratedRegex(@"Now listening on:\s*(http://\S+)")]
    private static partial Regex ListeningLine();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // never started, or already gone
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)); }
        catch (Exception) { }
        _process.Dispose();
        if (_database is not null && _serverConnectionString is not null)
            await ExecuteAsync(_serverConnectionString, $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // No pooling: a pooled admin connection would outlive the test and hold the server's slots.
        var cs = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// src/Bazaar/bin/&lt;Configuration&gt;/net10.0/bazaar.dll, found by walking up from this test assembly
    /// to the repository root (BAZAAR_SHOP_DLL overrides it).
    /// </summary>
    internal static string ShopAssemblyPath()
    {
        if (Environment.GetEnvironmentVariable("BAZAAR_SHOP_DLL") is { Length: > 0 } overridden)
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException("BAZAAR_SHOP_DLL does not exist.", overridden);
        var configuration = typeof(ShopProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name; // net10.0
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "src", "Bazaar", "Bazaar.csproj")))
                continue;
            var dll = Path.Combine(dir.FullName, "src", "Bazaar", "bin", configuration, targetFramework, "bazaar.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The shop is not built for {configuration}: build tests/Bazaar.BrowserTests (it builds src/Bazaar).", dll);
        }
        throw new DirectoryNotFoundException($"No src/Bazaar/Bazaar.csproj above {AppContext.BaseDirectory}.");
    }

    /// <summary>src/Bazaar for src/Bazaar/bin/Debug/net10.0/bazaar.dll; the dll's folder when it is elsewhere.</summary>
    private static string ProjectDirectory(string dll)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(dll)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bazaar.csproj")))
                return dir.FullName;
        return Path.GetDirectoryName(dll)!;
    }
}
