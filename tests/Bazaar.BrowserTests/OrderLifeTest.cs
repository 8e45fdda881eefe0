using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// The steps of an order's life as people take them in their browsers: the shopper places and pays
/// an order on the sandbox gateway's pay page, the operator ships it from the back office, the
/// carrier's desk (the sandbox's /sandbox/carrier page) moves the parcel on. The shop hears of the
/// payment, the parcel and its texts in the background, so the pages are reloaded until they say so.
/// </summary>
public abstract class OrderLifeTest(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    protected static readonly string[] ParcelSteps = ["picked_up", "in_transit", "out_for_delivery", "delivered"];

    protected sealed record PlacedOrder(Guid Id, string Number, decimal Total, int ProductId, string Phone)
    {
        public string Path => $"/orders/{Id}";
    }

    /// <summary>The sandbox's page at <paramref name="path"/> (/sandbox/…): on the shop, or on the sandbox's own server.</summary>
    protected string SandboxPage(string path) => new Uri(Fixture.SandboxUrl, path).ToString();

    /// <summary>A new customer, signed in, with an address, buys one unit now; the browser is left on the order's page.</summary>
    protected static async Task<PlacedOrder> PlaceOrderAsync(IPage page)
    {
        var (userName, phone) = await RegisterCustomerAsync(page);
        var (productId, name) = await ProductInStockAsync(page);
        await SignInAsync(page, userName, Password);
        var address = await PostWithCookieAsync(page, "/api/v1/accounts/me/addresses",
            new { recipient = "王女士", phone, province = "上海市", city = "上海市", district = "浦东新区", street = "世纪大道 100 号", postcode = "200120" });
        Assert.Equal(201, address.Status);

        await page.GotoAsync($"/products/{productId}");
        await page.GetByTestId("buy-now").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/checkout\?"));
        await Expect(page.GetByTestId("address-option")).ToContainTextAsync("王女士");
        await Expect(page.Locator("table.list")).ToContainTextAsync(name);
        await page.GetByTestId("place-order").ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/orders/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("待付款");
        await Expect(page.GetByTestId("payment")).ToContainTextAsync("尚未付款");
        var id = Guid.Parse(PathOf(page).Split('/')[^1]);
        var number = (await page.GetByTestId("order-number").InnerTextAsync()).Trim();
        var total = ParsePrice(await page.GetByTestId("order-total").InnerTextAsync());
        return new PlacedOrder(id, number, total, productId, phone);
    }

    /// <summary>
    /// "Pay now" on the order's page; the gateway's pay page (on the sandbox's host) shows the order and
    /// its total; the shopper presses <paramref name="outcome"/> ("pay" or "fail") and is back on the
    /// order's page with ?paid=1. Returns the pay page's URL.
    /// </summary>
    protected async Task<string> PayAsync(IPage page, PlacedOrder order, string outcome)
    {
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(order.Path)));
        await page.GetByTestId("pay-order").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(SandboxPage("/sandbox/gateway/pay/")) + "GP"));
        var payUrl = page.Url;
        await Expect(page.Locator("#order-number")).ToHaveTextAsync(order.Number);
        await Expect(page.Locator("#amount")).ToHaveTextAsync(order.Total.ToString("0.00", CultureInfo.InvariantCulture) + " CNY");
        await page.Locator("#" + outcome).ClickAsync();

        await ArrivedAtAsync(page, new Regex(Regex.Escape(order.Path) + @"\?paid=1&paymentId=GP\w+&outTradeNo="));
        return payUrl;
    }

    /// <summary>The order becomes Paid (the shop asked the gateway on the way back; the order follows from its outbox).</summary>
    protected static async Task ExpectPaidAsync(IPage page)
    {
        await ReloadUntilAsync(page, page.GetByTestId("order-status"), "待发货");
        await Expect(page.GetByTestId("payment-status")).ToHaveTextAsync("支付成功");
        await Expect(page.GetByTestId("pay-order")).ToHaveCountAsync(0);
    }

    /// <summary>The operator finds the order in the back office's list and opens it.</summary>
    protected static async Task OpenInBackOfficeAsync(IPage admin, PlacedOrder order)
    {
        await admin.GotoAsync("/admin/orders?number=" + Uri.EscapeDataString(order.Number));
        await admin.GetByTestId("admin-order-link").Filter(new() { HasTextString = order.Number }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex($"/admin/orders/{order.Id}$"));
        await Expect(admin.GetByTestId("order-number")).ToHaveTextAsync(order.Number);
    }

    /// <summary>The operator (in the Chinese back office) ships the paid order: the carrier books a parcel and its tracking number shows. Returns it.</summary>
    protected static async Task<string> ShipAsync(IPage admin, PlacedOrder order)
    {
        await OpenInBackOfficeAsync(admin, order);
        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已付款");
        await Expect(admin.GetByTestId("payment-status")).ToHaveTextAsync("支付成功");
        await admin.GetByTestId("ship-order").ClickAsync();

        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已发货");
        await ArrivedAtAsync(admin, new Regex($"/admin/orders/{order.Id}$"));
        var tracking = (await admin.GetByTestId("tracking-number").InnerTextAsync()).Trim();
        Assert.Matches(@"^SB\d{12}$", tracking);
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"已发货，运单号 {tracking}。");
        await Expect(admin.GetByTestId("ship-order")).ToHaveCountAsync(0);
        return tracking;
    }

    /// <summary>On the carrier's desk, the parcel's button is pressed four times: picked up … delivered.</summary>
    protected async Task AdvanceToDeliveredAsync(IPage page, string tracking)
    {
        await page.GotoAsync(SandboxPage("/sandbox/carrier"));
        var status = page.Locator($"[id='parcel-{tracking}'] td.status");
        var advance = page.Locator($"[id='advance-{tracking}']");
        await Expect(status).ToHaveTextAsync("booked");
        foreach (var step in ParcelSteps)
        {
            await advance.ClickAsync();
            await Expect(status).ToHaveTextAsync(step);
        }
        await Expect(advance).ToBeDisabledAsync();
    }

    /// <summary>The customer's order page, reloaded until the carrier's last event has arrived: Delivered, with the whole timeline.</summary>
    protected static async Task ExpectDeliveredAsync(IPage page, PlacedOrder order, string tracking)
    {
        await page.GotoAsync(order.Path);
        await ReloadUntilAsync(page, page.GetByTestId("order-status"), "已签收");
        await Expect(page.GetByTestId("tracking-number")).ToHaveTextAsync(tracking);
        await Expect(page.GetByTestId("shipment-status")).ToHaveTextAsync("已签收");
        await Expect(page.GetByTestId("tracking-event")).ToHaveCountAsync(ParcelSteps.Length);
        var timeline = await page.GetByTestId("tracking-event").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)");
        Assert.Equal(ParcelSteps, timeline);
    }

    /// <summary>The customer's texts about the order, newest first, as the back office lists them once the outbox has sent them.</summary>
    protected static async Task ExpectTextsAsync(IPage admin, PlacedOrder order, params string[] kindsNewestFirst)
    {
        await admin.GotoAsync($"/admin/notifications?orderId={order.Id}");
        var rows = admin.GetByTestId("notification");
        await ReloadUntilAsync(admin, async () =>
        {
            await Expect(rows).ToHaveCountAsync(kindsNewestFirst.Length, new() { Timeout = 2_000 });
            // Each sent, not just queued.
            await Expect(rows.Filter(new() { Has = admin.Locator(".tag", new() { HasTextRegex = new Regex("^已发送$") }) })).ToHaveCountAsync(kindsNewestFirst.Length, new() { Timeout = 2_000 });
        });
        var kinds = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kind)");
        Assert.Equal(kindsNewestFirst, kinds);
        await Expect(rows.First).ToContainTextAsync(order.Number);
    }

    /// <summary>The sandbox's SMS inbox holds <paramref name="count"/> texts about the order, to the customer's phone, the newest saying <paramref name="newest"/>.</summary>
    protected async Task ExpectInSmsInboxAsync(IPage page, PlacedOrder order, int count, string newest)
    {
        await page.GotoAsync(SandboxPage("/sandbox/sms"));
        var texts = page.Locator("#messages tr", new() { HasTextString = order.Number });
        await Expect(texts).ToHaveCountAsync(count);
        await Expect(texts.First.Locator("td.text")).ToContainTextAsync(newest);
        await Expect(texts.First).ToContainTextAsync(order.Phone);
    }

    /// <summary>Units of the product the shop would still sell.</summary>
    /// <summary>Units available as the API shows them once the shown figure has caught up (it may be a second old).</summary>
    protected static async Task<int> AvailableAsync(IPage page, int productId)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var response = await page.Context.APIRequest.GetAsync($"/api/v1/products/{productId}");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("available").GetInt32();
    }
}
