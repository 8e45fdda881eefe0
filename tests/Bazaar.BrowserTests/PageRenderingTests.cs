using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// The main pages load whole: the style sheet and every image answer, no image is broken and the
/// page logs no script error. Each page is also saved as a PNG under TestResults/browser/pages/
/// for a person to look at (layout, Chinese glyphs).
/// </summary>
public sealed class PageRenderingTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Home_category_product_and_admin_edit_pages_load_every_resource() => RunAsync(async page =>
    {
        var failures = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failures.Add($"{r.Status} {r.Url}"); };
        page.RequestFailed += (_, r) => failures.Add($"failed {r.Url}: {r.Failure}");
        // The browser's own request for /favicon.ico is not the page's: the shop has no icon (yet).
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.StartsWith(Fixture.Shop.BaseUrl + "favicon.ico", StringComparison.Ordinal))
                failures.Add($"console: {m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => failures.Add($"script: {e}");

        await CaptureAsync(page, "/", "home");
        await Expect(page.GetByTestId("product-card").First).ToBeVisibleAsync();

        var department = await page.Locator("header nav.departments a").First.GetAttributeAsync("href");
        await CaptureAsync(page, department!, "category");
        await Expect(page.GetByTestId("product-card")).ToHaveCountAsync(24);

        var product = await page.GetByTestId("product-card").First.GetAttributeAsync("href");
        await CaptureAsync(page, product!, "product");
        await Expect(page.GetByTestId("product-price")).ToHaveTextAsync(new Regex(@"^¥[\d,]+\.\d{2}$"));

        await SignInAsAdminAsync(page);
        var id = product!.Split('/')[^1];
        await CaptureAsync(page, $"/admin/products/edit/{id}", "admin-product-edit");
        await Expect(page.Locator("input[name='Input.Price']")).ToHaveValueAsync(new Regex(@"^\d+\.\d{2}$"));

        Assert.True(failures.Count == 0, "the pages did not load whole:\n" + string.Join("\n", failures));
    });

    private async Task CaptureAsync(IPage page, string path, string name)
    {
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Equal(200, response!.Status);
        Assert.True(await page.EvaluateAsync<bool>("() => document.styleSheets.length > 0 && document.styleSheets[0].cssRules.length > 0"),
            $"{path}: the style sheet did not load");
        // Images in view have loaded and decoded (lazy ones further down load as the shopper scrolls).
        var broken = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const inView = [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight);
              await Promise.all(inView.map(i => i.decode().catch(() => {})));
              return inView.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src);
            }
            """);
        Assert.True(broken.Length == 0, $"{path}: broken images: {string.Join(", ", broken)}");
        var file = Path.Combine(ArtifactsDirectory("pages"), name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = false });
        Output.WriteLine($"{path} -> {file}");
    }
}
