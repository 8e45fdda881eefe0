using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>The operations page in the operator's browser: its charts drawn, and its figures moving on their own as the shop is used.</summary>
public sealed class OperationsTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private static readonly string[] Charts = ["chart-traffic", "chart-latency", "chart-errors"];

    [Fact]
    public Task The_page_draws_its_charts_and_refreshes_by_itself_as_requests_come_in() => RunAsync(async admin =>
    {
        var scripts = new List<string>();
        admin.PageError += (_, e) => scripts.Add(e);
        await SignInAsAdminAsync(admin, "/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "运维" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex("/admin/operations$"));

        await admin.WaitForFunctionAsync("ids => window.Chart && ids.every(id => Chart.getChart(document.getElementById(id)))", Charts);
        var points = await admin.EvaluateAsync<int[]>("ids => ids.map(id => Chart.getChart(document.getElementById(id)).data.datasets[0].data.length)", Charts);
        Assert.All(points, p => Assert.Equal(60, p)); // a point per minute of the hour

        // Busy the shop from another browser; the page asks for new figures every 5 s without being reloaded.
        var before = await admin.GetByTestId("operations-updated").TextContentAsync();
        var rate = await admin.GetByTestId("figure-requestsPerSecond").TextContentAsync();
        var shopper = await OpenAnotherBrowserAsync();
        for (var i = 0; i < 10; i++)
            await shopper.GotoAsync("/");
        await Expect(admin.GetByTestId("operations-updated")).Not.ToHaveTextAsync(before!, new() { Timeout = 20_000 });
        await Expect(admin.GetByTestId("figure-requestsPerSecond")).Not.ToHaveTextAsync(rate!, new() { Timeout = 20_000 });
        await Expect(admin.GetByTestId("operations-updated")).Not.ToContainTextAsync("未能刷新"); // refreshed, not failed
        await Expect(admin.Locator("[data-testid='instance'][data-up='True']")).ToHaveCountAsync(1);
        Assert.Empty(scripts);
    });
}
