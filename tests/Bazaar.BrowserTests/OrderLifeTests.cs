using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// An order's whole life in the browser with the sandbox mounted inside the shop (the embedded
/// default): paid on the gateway's pay page, shipped by the operator, delivered by the carrier,
/// refunded; the customer told by text at every step.
/// </summary>
public sealed class OrderLifeTests(BrowserShop fixture, ITestOutputHelper output) : OrderLifeTest(fixture, output)
{
    [Fact]
    public Task An_order_is_paid_shipped_and_delivered_and_the_customer_is_texted_at_each_step() => RunAsync(async page =>
    {
        var order = await PlaceOrderAsync(page);
        await PayAsync(page, order, "pay");
        await ExpectPaidAsync(page);

        var admin = await OpenAnotherBrowserAsync();
        await SignInAsAdminAsync(admin);
        var tracking = await ShipAsync(admin, order);

        // The customer sees the parcel booked, before it has moved.
        await page.GotoAsync(order.Path);
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("已发货");
        await Expect(page.GetByTestId("tracking-number")).ToHaveTextAsync(tracking);
        await Expect(page.GetByTestId("shipment-status")).ToHaveTextAsync("待揽收");
        await Expect(page.GetByTestId("tracking-event")).ToHaveCountAsync(0);

        await AdvanceToDeliveredAsync(admin, tracking);
        await ExpectDeliveredAsync(page, order, tracking);

        await ExpectTextsAsync(admin, order, "delivered", "shipped", "paid", "placed");
        await ExpectInSmsInboxAsync(admin, order, 4, $"Order {order.Number} was delivered");
    });

    [Fact]
    public Task A_failed_payment_leaves_the_order_unpaid_and_paying_again_goes_through() => RunAsync(async page =>
    {
        var order = await PlaceOrderAsync(page);
        var failedPayUrl = await PayAsync(page, order, "fail");

        await ReloadUntilAsync(page, page.GetByTestId("payment-status"), "支付失败");
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("待付款");
        await Expect(page.GetByTestId("payment-confirming")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("pay-order")).ToBeVisibleAsync();

        // A failed payment is final at the gateway: "Pay now" again opens a new one.
        var payUrl = await PayAsync(page, order, "pay");
        Assert.NotEqual(failedPayUrl, payUrl);
        await ExpectPaidAsync(page);

        // The failed attempt's pay page now says so, and offers no buttons.
        await page.GotoAsync(failedPayUrl);
        await Expect(page.Locator("#status")).ToContainTextAsync("Failed");
        await Expect(page.Locator("#pay")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_operator_refunds_part_then_the_rest_with_restock_and_the_order_is_refunded() => RunAsync(async page =>
    {
        var order = await PlaceOrderAsync(page);
        var availableWhileOrdered = await AvailableAsync(page, order.ProductId);
        await PayAsync(page, order, "pay");
        await ExpectPaidAsync(page);

        var admin = await OpenAnotherBrowserAsync();
        await SignInAsAdminAsync(admin);
        await OpenInBackOfficeAsync(admin, order);
        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已付款");
        await Expect(admin.GetByTestId("refunded")).ToHaveTextAsync("¥0.00");

        // Part of it: the order stays Paid and the rest can still be refunded.
        var part = Math.Max(0.01m, decimal.Round(order.Total / 4, 2));
        var form = admin.GetByTestId("refund-form");
        await form.Locator("input[name='Refund.Amount']").FillAsync(part.ToString("0.00", CultureInfo.InvariantCulture));
        await form.Locator("input[name='Refund.Reason']").FillAsync("包装破损 damaged box");
        await admin.GetByTestId("refund-order").ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"已退款 {ShopPrice(part)}（退款成功）。");
        await ArrivedAtAsync(admin, new Regex($"/admin/orders/{order.Id}$"));
        Assert.Equal(part, ParsePrice(await admin.GetByTestId("refunded").InnerTextAsync()));
        await Expect(admin.GetByTestId("refunds").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已付款");

        // The rest, with the goods back on the shelf.
        await Expect(form).ToContainTextAsync(ShopPrice(order.Total - part));
        await form.Locator("input[name='Refund.Reason']").FillAsync("退货 returned");
        await form.Locator("input[type=checkbox][name='Refund.Restock']").CheckAsync();
        await admin.GetByTestId("refund-order").ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"已退款 {ShopPrice(order.Total - part)}（退款成功），1 件商品已重新入库。");
        Assert.Equal(order.Total, ParsePrice(await admin.GetByTestId("refunded").InnerTextAsync()));
        await Expect(admin.GetByTestId("refunds").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(admin.GetByTestId("refund-form")).ToHaveCountAsync(0);
        await ReloadUntilAsync(admin, admin.GetByTestId("order-status"), "已退款");
        Assert.Equal(availableWhileOrdered + 1, await AvailableAsync(page, order.ProductId));

        // The customer sees it too, and was told of both refunds.
        await page.GotoAsync(order.Path);
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("已退款");
        Assert.Equal(order.Total, ParsePrice(await page.GetByTestId("refunded").InnerTextAsync()));
        await ExpectTextsAsync(admin, order, "refunded", "refunded", "paid", "placed");
    });

    /// <summary>"¥1,299.00", as the shop writes prices.</summary>
    private static string ShopPrice(decimal amount) => "¥" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);
}
