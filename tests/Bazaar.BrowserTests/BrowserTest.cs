using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// Runs a test's steps in a fresh browser context; when a step fails, the page (and the page of every
/// other browser the test opened) is saved as a screenshot under TestResults/browser/ and the tail of
/// the shop's output goes to the test log.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserShop fixture, ITestOutputHelper output)
{
    protected const string Password = "secret-pass-2026";
    protected BrowserShop Fixture { get; } = fixture;
    protected ITestOutputHelper Output { get; } = output;

    private readonly List<IBrowserContext> _otherBrowsers = [];

    protected async Task RunAsync(Func<IPage, Task> steps, string locale = "zh-CN", bool javaScript = true,
        [CallerMemberName] string test = "")
    {
        await using var context = await Fixture.NewContextAsync(locale, javaScript);
        var page = await context.NewPageAsync();
        try
        {
            await steps(page);
        }
        catch
        {
            await SaveFailureAsync(page, test, "");
            for (var i = 0; i < _otherBrowsers.Count; i++)
                foreach (var other in _otherBrowsers[i].Pages)
                    await SaveFailureAsync(other, test, $".other{i + 1}");
            var shopOutput = Fixture.ProcessOutput;
            Output.WriteLine("--- last lines of the shop's output ---");
            Output.WriteLine(shopOutput.Length > 8000 ? shopOutput[^8000..] : shopOutput);
            throw;
        }
        finally
        {
            foreach (var other in _otherBrowsers)
                await other.DisposeAsync();
            _otherBrowsers.Clear();
        }
    }

    /// <summary>
    /// A second person at another browser (own cookies), e.g. the operator while the shopper waits;
    /// closed when the test ends, and photographed too when it fails.
    /// </summary>
    protected async Task<IPage> OpenAnotherBrowserAsync(string locale = "zh-CN")
    {
        var context = await Fixture.NewContextAsync(locale);
        _otherBrowsers.Add(context);
        return await context.NewPageAsync();
    }

    private async Task SaveFailureAsync(IPage page, string test, string suffix)
    {
        try
        {
            var file = Path.Combine(ArtifactsDirectory("failures"), $"{GetType().Name}.{test}{suffix}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 10_000 });
            Output.WriteLine($"Failed at {page.Url}; screenshot: {file}");
        }
        catch (Exception e)
        {
            Output.WriteLine($"Failed at {page.Url}; no screenshot: {e.Message}");
        }
    }

    /// <summary>
    /// Reloads the page until <paramref name="expectation"/> holds (each try an auto-retrying Expect
    /// of a few seconds), for what the shop learns in the background: a gateway notification, a
    /// carrier event, an outbox message. Fails with the last expectation's message after
    /// <paramref name="timeout"/> (20 s unless told).
    /// </summary>
    protected static async Task ReloadUntilAsync(IPage page, Func<Task> expectation, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                await expectation();
                return;
            }
            catch (PlaywrightException) when (clock.Elapsed < limit)
            {
                await page.ReloadAsync();
            }
        }
    }

    /// <summary>Reloads the page until <paramref name="locator"/> has exactly <paramref name="text"/>.</summary>
    protected static Task ReloadUntilAsync(IPage page, ILocator locator, string text, TimeSpan? timeout = null) =>
        ReloadUntilAsync(page, () => Expect(locator).ToHaveTextAsync(text, new() { Timeout = 2_000 }), timeout);

    /// <summary>tests/Bazaar.BrowserTests/TestResults/browser/&lt;kind&gt; (ignored by git), or BAZAAR_BROWSER_ARTIFACTS.</summary>
    public static string ArtifactsDirectory(string kind)
    {
        var root = Environment.GetEnvironmentVariable("BAZAAR_BROWSER_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(ProjectDirectory(), "TestResults", "browser");
        var dir = Path.Combine(root, kind);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bazaar.BrowserTests.csproj")))
                return dir.FullName;
        return AppContext.BaseDirectory;
    }

    private static int _phoneCounter = Random.Shared.Next(0, 50_000_000);

    /// <summary>A mainland mobile number (139 and 8 digits) no other test in this run uses.</summary>
    protected static string NewPhone() => $"139{Interlocked.Increment(ref _phoneCounter) % 100_000_000:D8}";

    protected static string NewUserName() => "shopper" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A customer account made through the API (the register page has its own tests).</summary>
    protected static async Task<(string UserName, string Phone)> RegisterCustomerAsync(IPage page)
    {
        var (userName, phone) = (NewUserName(), NewPhone());
        var response = await page.Context.APIRequest.PostAsync("/api/v1/accounts/register",
            new APIRequestContextOptions { DataObject = new { userName, phoneNumber = phone, password = Password } });
        Assert.True(response.Status == 201, $"register via the API: {response.Status} {await response.TextAsync()}");
        return (userName, phone);
    }

    /// <summary>
    /// An API call with the signed-in browser's cookie, as the shop's own scripts make one: the shopper's
    /// anti-forgery token from /form-token in the X-CSRF-TOKEN header, without which the shop refuses it.
    /// </summary>
    protected static async Task<IAPIResponse> PostWithCookieAsync(IPage page, string url, object data)
    {
        var token = await page.Context.APIRequest.GetAsync("/form-token");
        using var json = JsonDocument.Parse(await token.TextAsync());
        return await page.Context.APIRequest.PostAsync(url, new APIRequestContextOptions
        {
            DataObject = data, Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = json.RootElement.GetProperty("token").GetString()! },
        });
    }

    /// <summary>Signs in on /account/login and waits until the shop has sent the browser on.</summary>
    protected static async Task SignInAsync(IPage page, string login, string password, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.Locator("input[name='Input.Login']").FillAsync(login);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync(); // 登录 or Sign in, as the browser's language has it
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.Locator("footer.site-footer")).ToBeAttachedAsync();
    }

    /// <summary>The operator's sign-in: the password, then the authenticator app's code on the two-factor step.</summary>
    protected static async Task SignInAsAdminAsync(IPage page, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.Locator("input[name='Input.Login']").FillAsync(ShopProcess.AdminUserName);
        await page.Locator("input[name='Input.Password']").FillAsync(ShopProcess.AdminPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await SecondStepAsAdminAsync(page);
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.Locator("footer.site-footer")).ToBeAttachedAsync();
    }

    /// <summary>On the two-factor step after the admin's password: the app's code.</summary>
    protected static async Task SecondStepAsAdminAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new Regex("/account/login/two-factor"));
        await page.GetByTestId("two-factor-code").FillAsync(AdminAuthenticator.CodeFor(page.Url));
        await page.GetByTestId("verify-two-factor").ClickAsync();
    }

    /// <summary>
    /// Waits until the browser shows a page whose URL matches and whose document is parsed to its
    /// footer. Polls rather than waiting for navigation events (WaitForURLAsync), which now and then
    /// missed a navigation that had already finished, with Debian's newer Chromium.
    /// </summary>
    protected static async Task ArrivedAtAsync(IPage page, Regex url)
    {
        await Expect(page).ToHaveURLAsync(url);
        await Expect(page.Locator("footer.site-footer")).ToBeAttachedAsync();
    }

    protected static string PathOf(IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>"¥1,299.00" → 1299.00.</summary>
    protected static decimal ParsePrice(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"¥\s*([\d,]+\.\d{2})");
        Assert.True(match.Success, $"not a ¥ price: '{text}'");
        return decimal.Parse(match.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A published product with at least 5 units available, and its Chinese name.</summary>
    protected static async Task<(int Id, string Name)> ProductInStockAsync(IPage page)
    {
        var response = await page.Context.APIRequest.GetAsync("/api/v1/products?pageSize=100",
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" } });
        using var json = JsonDocument.Parse(await response.TextAsync());
        var item = json.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("available").GetInt32() >= 5)
            .OrderBy(_ => Random.Shared.Next()).First();
        return (item.GetProperty("id").GetInt32(), item.GetProperty("name").GetString()!);
    }
}
