using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// The operator's home in the back office: figures, low stock and three charts drawn in the browser
/// by the Chart.js the shop serves itself; and the packing slip that goes into the parcel.
/// </summary>
public sealed class DashboardTests(BrowserShop fixture, ITestOutputHelper output) : OrderLifeTest(fixture, output)
{
    private static readonly string[] Charts = ["chart-revenue", "chart-status", "chart-top"];

    /// <summary>Everything that goes wrong while the page loads and runs, except the browser's own /favicon.ico.</summary>
    private List<string> WatchForErrors(IPage page)
    {
        var failures = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) failures.Add($"{r.Status} {r.Url}"); };
        page.RequestFailed += (_, r) => failures.Add($"failed {r.Url}: {r.Failure}");
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.StartsWith(Fixture.Shop.BaseUrl + "favicon.ico", StringComparison.Ordinal))
                failures.Add($"console: {m.Text} ({m.Location})");
        };
        page.PageError += (_, e) => failures.Add($"script: {e}");
        return failures;
    }

    [Fact]
    public Task The_dashboard_draws_its_three_charts_and_leads_to_a_low_product_s_stock() => RunAsync(async page =>
    {
        // A paid order, so the revenue, status and best-seller charts have something to draw.
        var order = await PlaceOrderAsync(page);
        await PayAsync(page, order, "pay");
        await ExpectPaidAsync(page);

        var admin = await OpenAnotherBrowserAsync();
        var failures = WatchForErrors(admin);
        await SignInAsAdminAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "后台管理" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin$"));
        await Expect(admin.GetByTestId("time-zone")).ToContainTextAsync("北京时间，Asia/Shanghai (UTC+08:00)");
        await Expect(admin.GetByTestId("waiting-to-ship")).Not.ToHaveTextAsync("0");
        await Expect(admin.GetByTestId("today-orders")).Not.ToHaveTextAsync("0");

        // Drawn: each canvas has a Chart.js chart and a visible size.
        await admin.WaitForFunctionAsync(
            "ids => window.Chart && ids.every(id => Chart.getChart(document.getElementById(id)))", Charts);
        foreach (var id in Charts)
        {
            var canvas = admin.Locator($"canvas#{id}");
            await Expect(canvas).ToBeVisibleAsync();
            var box = await canvas.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"{id} is {box?.Width}×{box?.Height}");
            Assert.True(await canvas.EvaluateAsync<bool>("c => c.width > 0 && c.height > 0"), $"{id} has no pixels");
        }
        var drawn = await admin.EvaluateAsync<int[]>(
            "ids => ids.map(id => Chart.getChart(document.getElementById(id)).data.datasets[0].data.length)", Charts);
        Assert.Equal(30, drawn[0]); // a bar per day
        Assert.True(drawn[1] >= 1 && drawn[2] >= 1, $"status slices {drawn[1]}, top products {drawn[2]}");
        var file = Path.Combine(ArtifactsDirectory("pages"), "admin-dashboard.png");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Output.WriteLine($"/admin -> {file}");

        // The bought product becomes "low" once its threshold is above what is available, set on its stock page.
        await admin.GotoAsync($"/admin/products/{order.ProductId}/stock");
        await admin.Locator("input[name='LowStock.Threshold']").FillAsync("1000000");
        await admin.GetByTestId("set-threshold").ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("可售库存不超过 1000000 件时预警。");
        await Expect(admin.GetByTestId("low-stock-threshold")).ToHaveTextAsync("1000000");
        await Expect(admin.GetByTestId("low-stock")).ToBeVisibleAsync();

        await admin.GotoAsync("/admin");
        var row = admin.Locator($"[data-testid='low-stock-item'][data-product-id='{order.ProductId}']");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "库存" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex($"/admin/products/{order.ProductId}/stock$"));

        Assert.True(failures.Count == 0, "the dashboard did not load cleanly:\n" + string.Join("\n", failures));
    });

    [Fact]
    public Task The_packing_slip_opens_from_the_order_and_prints_without_the_buttons() => RunAsync(async page =>
    {
        var order = await PlaceOrderAsync(page);

        var admin = await OpenAnotherBrowserAsync();
        var failures = WatchForErrors(admin);
        // The print dialog would wait for a person; the test only needs to know the button asked for it.
        await admin.AddInitScriptAsync("window.print = () => { window.__printed = (window.__printed || 0) + 1; };");
        await SignInAsAdminAsync(admin);
        await OpenInBackOfficeAsync(admin, order);
        await admin.GetByTestId("packing-slip-link").ClickAsync();

        await Expect(admin).ToHaveURLAsync(new Regex($"/admin/orders/{order.Id}/packing-slip$"));
        await Expect(admin.GetByTestId("slip-order-number")).ToHaveTextAsync(order.Number);
        await Expect(admin.GetByTestId("slip-address")).ToContainTextAsync("王女士");
        await Expect(admin.GetByTestId("slip-line")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("slip-units")).ToHaveTextAsync("1");
        await Expect(admin.GetByTestId("do-not-ship")).ToBeVisibleAsync(); // not paid yet
        await Expect(admin.GetByTestId("packing-slip")).Not.ToContainTextAsync("¥");
        await Expect(admin.Locator("header.site-header")).ToHaveCountAsync(0);

        await admin.GetByTestId("print").ClickAsync();
        Assert.Equal(1, await admin.EvaluateAsync<int>("() => window.__printed || 0"));

        // On paper: the buttons are gone, the order number stays large.
        await admin.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(admin.GetByTestId("print")).ToBeHiddenAsync();
        await Expect(admin.GetByTestId("slip-order-number")).ToBeVisibleAsync();
        var size = await admin.GetByTestId("slip-order-number").EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.True(double.Parse(size.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 30, $"order number at {size}");
        var file = Path.Combine(ArtifactsDirectory("pages"), "packing-slip.png");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Output.WriteLine($"packing slip -> {file}");

        Assert.True(failures.Count == 0, "the packing slip did not load cleanly:\n" + string.Join("\n", failures));
    });
}
