using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Bazaar.BrowserTests;

/// <summary>
/// The sandbox (gateway, carrier, SMS inbox) as its own process (<c>dotnet bazaar-sandbox.dll</c>), the
/// way an operator runs it beside a shop: on a free loopback port, its keys in a fresh temporary
/// directory. The shop is then pointed at it with <see cref="ShopSettings"/>.
/// </summary>
public sealed partial class SandboxProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _root;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Sandbox:DataDirectory, absolute: gateway-public.pem and carrier-secret.txt are written here on start.</summary>
    public string DataDirectory { get; }

    private SandboxProcess(Process process, string root)
    {
        _process = process;
        _root = root;
        DataDirectory = Path.Combine(root, "data");
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>What the shop needs to use this sandbox and trust what it signs.</summary>
    public IReadOnlyDictionary<string, string> ShopSettings => new Dictionary<string, string>
    {
        ["Sandbox:BaseUrl"] = BaseUrl.GetLeftPart(UriPartial.Authority),
        ["Payments:GatewayPublicKeyFile"] = Path.Combine(DataDirectory, "gateway-public.pem"),
        ["Shipping:CarrierSecretFile"] = Path.Combine(DataDirectory, "carrier-secret.txt"),
    };

    public static async Task<SandboxProcess> StartAsync()
    {
        var dll = SandboxAssemblyPath();
        var root = Path.Combine(Path.GetTempPath(), "bazaar-browser", "sandbox-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);

        // The sandbox's content root is the directory it is started in: a temporary one of its own.
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
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
        env["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var sandbox = new SandboxProcess(process, root);
        env["Sandbox__DataDirectory"] = sandbox.DataDirectory;
        try
        {
            await sandbox.LaunchAndWaitAsync();
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
        return sandbox;
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
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The sandbox process exited before listening."));

        if (!_process.Start())
            throw new InvalidOperationException("Could not start `dotnet` for the sandbox.");
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
                    throw new InvalidOperationException($"The sandbox process exited with code {_process.ExitCode}.");
                try
                {
                    using var response = await http.GetAsync("/sandbox", deadline.Token);
                    if (response.IsSuccessStatusCode)
                        break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested) { }
                await Task.Delay(250, deadline.Token);
            }
            foreach (var file in new[] { ShopSettings["Payments:GatewayPublicKeyFile"], ShopSettings["Shipping:CarrierSecretFile"] })
                if (!File.Exists(file))
                    throw new InvalidOperationException($"The sandbox is up but did not write {file}.");
        }
        catch (Exception e)
        {
            var reason = e is OperationCanceledException ? $"did not answer GET /sandbox 200 within {ReadyTimeout.TotalSeconds:0} s" : e.Message;
            throw new InvalidOperationException($"The sandbox {reason}\n--- sandbox output ---\n{Output}", e);
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
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// src/Bazaar.Sandbox/bin/&lt;Configuration&gt;/net10.0/bazaar-sandbox.dll (built because the shop
    /// references it), else the copy beside the shop's bazaar.dll; BAZAAR_SANDBOX_DLL overrides both.
    /// </summary>
    private static string SandboxAssemblyPath()
    {
        if (Environment.GetEnvironmentVariable("BAZAAR_SANDBOX_DLL") is { Length: > 0 } overridden)
            return File.Exists(overridden) ? overridden : throw new FileNotFoundException("BAZAAR_SANDBOX_DLL does not exist.", overridden);
        var configuration = typeof(SandboxProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name; // net10.0
        var candidates = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "src", "Bazaar.Sandbox", "Bazaar.Sandbox.csproj")))
                continue;
            candidates.Add(Path.Combine(dir.FullName, "src", "Bazaar.Sandbox", "bin", configuration, targetFramework, "bazaar-sandbox.dll"));
            break;
        }
        candidates.Add(Path.Combine(Path.GetDirectoryName(ShopProcess.ShopAssemblyPath())!, "bazaar-sandbox.dll"));
        // `dotnet x.dll` needs the runtimeconfig beside it.
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException(
                $"The sandbox is not built for {configuration} (looked at {string.Join(", ", candidates)}): build tests/Bazaar.BrowserTests.");
    }
}
