using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// The order's life with the sandbox as its own server: the shop calls it at Sandbox:BaseUrl, the
/// shopper pays on its host, it calls the shop back at the shop's own address, and the shop trusts
/// what it signs only through the key files the sandbox wrote.
/// </summary>
[Collection(SandboxServerCollection.Name)]
public sealed class SandboxServerTests(SandboxServerBrowserShop fixture, ITestOutputHelper output) : OrderLifeTest(fixture, output)
{
    [Fact]
    public Task The_whole_life_works_with_the_sandbox_as_its_own_server() => RunAsync(async page =>
    {
        Assert.NotEqual(Fixture.Shop.BaseUrl.GetLeftPart(UriPartial.Authority), Fixture.SandboxUrl.GetLeftPart(UriPartial.Authority));
        // The shop does not mount the sandbox when it has one elsewhere.
        var mounted = await page.GotoAsync("/sandbox/carrier");
        Assert.Equal(404, mounted!.Status);

        var order = await PlaceOrderAsync(page);
        var payUrl = await PayAsync(page, order, "pay"); // on the sandbox's host, back to the shop's
        await ExpectPaidAsync(page);

        var admin = await OpenAnotherBrowserAsync();
        await SignInAsAdminAsync(admin);
        var tracking = await ShipAsync(admin, order);

        await AdvanceToDeliveredAsync(admin, tracking); // the sandbox's own /sandbox/carrier
        await ExpectDeliveredAsync(page, order, tracking);

        await ExpectTextsAsync(admin, order, "delivered", "shipped", "paid", "placed");
        await ExpectInSmsInboxAsync(admin, order, 4, $"Order {order.Number} was delivered");

        // The gateway's signed notification reached the shop too, and the shop took it (200 "success"):
        // it verifies with the public key file the sandbox wrote.
        var paymentId = new Uri(payUrl).Segments[^1];
        await admin.GotoAsync(SandboxPage("/sandbox/gateway"));
        var notification = admin.Locator("tr", new() { HasTextString = paymentId }).Filter(new() { HasTextString = "TradeNotification" });
        await ReloadUntilAsync(admin, () => Expect(notification).ToContainTextAsync("Delivered", new() { Timeout = 2_000 }));
        await Expect(notification).ToContainTextAsync("→ 200 success");
    });
}
