using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bazaar.Tests.Platform;

/// <summary>
/// The whole shop in-process on a database of its own: a fresh SQLite file, or a fresh
/// PostgreSQL database (with Redis) on the servers scripts/test-services.sh started.
/// Time is a FakeTimeProvider the tests move by hand.
/// </summary>
public abstract class ShopFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "Admin-Pass-2026";
    public const string CustomerPassword = "password-123";
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The SQL this shop sends, while a test listens (<see cref="SqlCommands.On"/>).</summary>
    public SqlCommandLog Sql { get; } = new();
    public abstract string ProviderName { get; }

    protected abstract IReadOnlyDictionary<string, string?> Settings();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Every test's client comes from the same (unknown) address: the per-address limits are for
        // strangers, and RateLimitTests checks them with a shop whose Settings() set them low.
        builder.UseSetting("RateLimits:SignInsPerMinute", "100000");
        builder.UseSetting("RateLimits:RegistrationsPerHour", "100000");
        builder.UseSetting("RateLimits:SignInCodesPerHour", "100000");
        foreach (var (key, value) in Settings())
            builder.UseSetting(key, value);
        builder.UseSetting("Admin:Password", AdminPassword);
        // Tests drive the outbox by hand (DispatchOutbox.RunOnceAsync); moving the fake clock must not
        // also wake every host's dispatcher, which would deliver to whatever handlers that host has.
        builder.UseSetting("Outbox:PollInterval", "7.00:00:00");
        // The same for the sandbox's callbacks: tests deliver them with SandboxCallbacks.DeliverDueAsync.
        builder.UseSetting("Sandbox:CallbackPollInterval", "7.00:00:00");
        // And for the jobs (expiry, completion, reconciliation): a test that moves the clock past their
        // interval would otherwise race a background pass against its own RunOnceAsync. 40 days is past
        // any test's advances and below PeriodicTimer's limit.
        builder.UseSetting("Ordering:ExpiryInterval", "40.00:00:00");
        builder.UseSetting("Ordering:CompletionInterval", "40.00:00:00");
        builder.UseSetting("Payments:ReconcileInterval", "40.00:00:00");
        builder.UseSetting("FlashSales:ReconcileInterval", "40.00:00:00");
        builder.UseSetting("Operations:SampleInterval", "40.00:00:00");
        builder.UseSetting("Cart:PurgeInterval", "40.00:00:00");
        // The audit sealer ticks every second: a month's advance of the fake clock woke it 2.7 million
        // times, and the test moving it once hung a CI run. Audit tests seal by hand (AuditedShop).
        builder.UseSetting("Audit:SealInterval", "40.00:00:00");
        // Imports too: an upload still starts at once on the instance that took it (it wakes its worker).
        builder.UseSetting("Imports:PollInterval", "40.00:00:00");
        // Polly waits between retries on the fake clock too (it takes TimeProvider from DI): a retry of a
        // call to a partner that is down would wait until a test moved time. Retries go at once in tests.
        builder.UseSetting("Partners:RetryDelay", "00:00:00");
        builder.ConfigureServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(Sql);
            // Every outgoing call (shop → gateway/carrier/SMS, sandbox → shop callbacks) goes to this
            // in-memory server, through a switch a test can turn off to play "the partner is down".
            s.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new OutsideWorld(this)));
        });
    }

    /// <summary>
    /// Test clients read the shop in English unless a test asks for Chinese (replace the header:
    /// <c>client.DefaultRequestHeaders.AcceptLanguage.Clear()</c>, or set it on the request); a browser
    /// with no preference gets Chinese, the shop's default.
    /// </summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
    }

    public virtual Task InitializeAsync()
    {
        _ = Server; // start now: migrations and the demo catalog run before the first test
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropAsync();
    }

    protected virtual Task DropAsync() => Task.CompletedTask;

    /// <summary>When true, every outgoing HTTP call fails as if the network to the partner were down.</summary>
    public bool PartnersDown { get; set; }

    /// <summary>How many outgoing HTTP calls were attempted (retries included).</summary>
    public int OutgoingCalls => _outgoingCalls;
    private int _outgoingCalls;

    private sealed class OutsideWorld(ShopFactory shop) : DelegatingHandler(shop.Server.CreateHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref shop._outgoingCalls);
            return shop.PartnersDown
                ? throw new HttpRequestException("Connection refused (the test turned the partners off).")
                : base.SendAsync(request, ct);
        }
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A client with a bearer token for a freshly registered customer.</summary>
    public async Task<(HttpClient Client, string UserName, string Phone)> NewCustomerAsync()
    {
        var client = Anonymous();
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var phone = UniquePhone();
        var register = await client.PostAsJsonAsync("/api/v1/accounts/register", new { userName, phoneNumber = phone, password = CustomerPassword });
        register.EnsureSuccessStatusCode();
        await AuthoriseAsync(client, userName, CustomerPassword);
        return (client, userName, phone);
    }

    /// <summary>A client with a bearer token for the seeded admin, who proves the authenticator app as operators must.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var client = Anonymous();
        await AuthoriseAsync(client, "admin", AdminPassword, Authenticator.Code(await AdminAuthenticatorKeyAsync()));
        return client;
    }

    private readonly SemaphoreSlim _enrolling = new(1, 1);
    private string? _adminKey;

    /// <summary>
    /// The seeded admin's authenticator key, enrolled once for this shop (through the account's own
    /// UserManager, as confirming the first code does; <c>Accounts/TwoFactorTests</c> enrol through the
    /// page and the API). A second instance on the same database finds the key already there.
    /// </summary>
    public async Task<string> AdminAuthenticatorKeyAsync()
    {
        if (_adminKey is { } known)
            return known;
        await _enrolling.WaitAsync();
        try
        {
            if (_adminKey is { } raced)
                return raced;
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Bazaar.Accounts.ShopUser>>();
            var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("No seeded admin.");
            if (!await users.GetTwoFactorEnabledAsync(admin) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(admin)))
            {
                await users.ResetAuthenticatorKeyAsync(admin);
                await users.SetTwoFactorEnabledAsync(admin, true);
            }
            return _adminKey = (await users.GetAuthenticatorKeyAsync(admin))!;
        }
        finally
        {
            _enrolling.Release();
        }
    }

    /// <summary>The seeded admin signed in on the sign-in page and its two-factor step, in a browser-like client.</summary>
    public async Task<HttpResponseMessage> SignInAdminOnPageAsync(HttpClient browser)
    {
        var key = await AdminAuthenticatorKeyAsync();
        var first = await Bazaar.Tests.Cart.CartApi.SignInOnPageAsync(browser, "admin", AdminPassword);
        Assert.StartsWith("/account/login/two-factor", first.Headers.Location?.OriginalString);
        return await Authenticator.SecondStepOnPageAsync(browser, first.Headers.Location!.OriginalString, key);
    }

    public static async Task AuthoriseAsync(HttpClient client, string login, string password, string? twoFactorCode = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/accounts/token", new { login, password, twoFactorCode });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    private static int _phoneCounter = Random.Shared.Next(0, 5_000_000);

    /// <summary>A valid mainland mobile number no other test uses (139 prefix, 8 unique digits).</summary>
    public static string UniquePhone() => $"139{Interlocked.Increment(ref _phoneCounter) % 100_000_000:D8}";

    public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);
}

public sealed class SqliteShop : ShopFactory
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", Guid.NewGuid().ToString("N"));
    public override string ProviderName => "Sqlite";
    public string DataDirectory => _dir;

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _dir,
        ["Redis:Configuration"] = "",
    };

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}

public sealed class PostgresShop : ShopFactory
{
    private readonly string _database;
    private readonly bool _ownsDatabase;

    private readonly string? _redis;

    public PostgresShop() : this(null) { }

    /// <summary>
    /// With a database name: a second shop instance on another instance's database (a cluster of two).
    /// With a Redis configuration: that Redis rather than the shared test server (one a test may kill).
    /// </summary>
    internal PostgresShop(string? sharedDatabase, string? redis = null)
    {
        _database = sharedDatabase ?? "bazaar_t_" + Guid.NewGuid().ToString("N")[..16];
        _ownsDatabase = sharedDatabase is null;
        _redis = redis;
    }

    public string DatabaseName => _database;
    public override string ProviderName => "Postgres";

    /// <summary>The admin connection to the test server; missing is a failure, never a skip.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("BAZAAR_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "BAZAAR_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL and Redis.");

    public static string RedisConfiguration =>
        Environment.GetEnvironmentVariable("BAZAAR_TEST_REDIS") is { Length: > 0 } r
            ? r
            : throw new InvalidOperationException("BAZAAR_TEST_REDIS is not set: run the tests with scripts/test.sh.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Shop"] = ConnectionString,
        ["Redis:Configuration"] = _redis ?? RedisConfiguration,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // All test shops share one Redis; without a name of its own, one shop would serve another's cached
        // category tree and hear another's backplane. Two instances on one database share it, as a cluster does.
        builder.UseSetting("Caching:Name", $"bazaar:{_database}");
    }

    public override async Task InitializeAsync()
    {
        if (!_ownsDatabase)
        {
            await base.InitializeAsync();
            return;
        }
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", server);
            await create.ExecuteNonQueryAsync();
        }
        await base.InitializeAsync();
    }

    protected override async Task DropAsync()
    {
        if (!_ownsDatabase)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}
