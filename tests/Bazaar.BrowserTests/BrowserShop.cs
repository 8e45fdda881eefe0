using Microsoft.Playwright;

namespace Bazaar.BrowserTests;

/// <summary>
/// One shop process and one headless Debian Chromium for the whole collection; each test gets a
/// browser context of its own (its own cookies), so tests do not see each other's sign-ins.
/// </summary>
public sealed class BrowserShop : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    public ShopProcess Shop { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

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
        var shop = ShopProcess.StartAsync();
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
    public async Task<IBrowserContext> NewContextAsync(string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Shop.BaseUrl.ToString().TrimEnd('/'),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        return context;
    }

    public async Task DisposeAsync()
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
