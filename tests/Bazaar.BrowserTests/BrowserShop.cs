using Microsoft.Playwright;

// One shop (or one shop and one sandbox) at a time: the collections share two cores with builds.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Bazaar.BrowserTests;

/// <summary>
/// One shop process and one headless Debian Chromium for the whole collection; each test gets a
/// browser context of its own (its own cookies), so tests do not see each other's sign-ins.
/// The shop mounts the sandbox (gateway, carrier, SMS inbox) in its own process, the embedded default.
/// </summary>
public class BrowserShop : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public ShopProcess Shop { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the sandbox's pages are (/sandbox/carrier …): the shop itself when it mounts the sandbox.</summary>
    public virtual Uri SandboxUrl => Shop.BaseUrl;

    /// <summary>What the processes under test printed, for a failing test's log.</summary>
    public virtual string ProcessOutput => Shop?.Output ?? "";

    protected virtual Task<ShopProcess> StartShopAsync() => ShopProcess.StartAsync();

    /// <summary>Debian's Chromium (BAZAAR_CHROMIUM, else /usr/bin/chromium). Never a downloaded browser.</summary>
    public static string ChromiumPath
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("BAZAAR_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
            if (File.Exists(path))
                return path;
            throw new InvalidOperationException(
                $"Chromium was not found at {path}{(ShopProcess.IsCi ? " (CI=true: the browser tests must run)" : "")}. " +
                "Install Debian's package (apt-get install chromium fonts-noto-cjk, or scripts/test-services.sh start); " +
                "the tests never download a browser.");
        }
    }

    public async Task InitializeAsync()
    {
        var chromium = ChromiumPath; // fail before starting anything
        // Expectations poll for up to 15 s (Playwright's default is 5): the machine is shared with builds.
        Assertions.SetDefaultExpectTimeout(15_000);
        // The shop (migrations, demo catalog) and the browser start side by side.
        var shop = StartShopAsync();
        var browser = LaunchBrowserAsync(chromium);
        try
        {
            await Task.WhenAll(shop, browser);
            Shop = shop.Result;
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop what did start.
            try { await browser; } catch { }
            try { await shop; } catch { }
            if (shop.IsCompletedSuccessfully) Shop = shop.Result;
            await DisposeAsync();
            throw;
        }
    }

    private async Task LaunchBrowserAsync(string chromium)
    {
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
    }

    /// <summary>A fresh context (no cookies) whose Accept-Language is <paramref name="locale"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "zh-CN", bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            BaseURL = Shop.BaseUrl.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        return context;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Shop is not null) await Shop.DisposeAsync();
        (Browser, Playwright, Shop) = (null!, null!, null!);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserShop>
{
    public const string Name = "Browser";
}

/// <summary>
/// The shop with the sandbox as its own server, as an operator would run them on two machines: the
/// sandbox starts first on a free port with its keys in a temporary directory, then the shop with
/// Sandbox:BaseUrl at it and the key files it must trust.
/// </summary>
public sealed class SandboxServerBrowserShop : BrowserShop
{
    public SandboxProcess Sandbox { get; private set; } = null!;

    public override Uri SandboxUrl => Sandbox.BaseUrl;

    public override string ProcessOutput =>
        base.ProcessOutput + "\n--- sandbox output ---\n" + (Sandbox?.Output ?? "");

    protected override async Task<ShopProcess> StartShopAsync()
    {
        Sandbox = await SandboxProcess.StartAsync();
        return await ShopProcess.StartAsync(Sandbox.ShopSettings);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Sandbox is not null) await Sandbox.DisposeAsync();
        Sandbox = null!;
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxServerCollection : ICollectionFixture<SandboxServerBrowserShop>
{
    public const string Name = "Browser, sandbox as its own server";
}
