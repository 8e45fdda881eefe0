using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Bazaar.Tests.Shipping;
using static Bazaar.Tests.Platform.PageBrowser;

namespace Bazaar.Tests.Ordering;

/// <summary>
/// Checkout, the order's page and "My orders" in the shopper's language: the words, the handlers'
/// messages, the states of order, payment and parcel, and every time in China time rather than UTC.
/// </summary>
public sealed class OrderPagesLanguageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static readonly CultureInfo Chinese = new("zh-CN");

    private static string InChina(DateTime utc, CultureInfo culture) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, Bazaar.Platform.Web.ChinaTime.Zone).ToString("g", culture);

    /// <summary>Buys one unit now through the checkout form; answers where the shop sent the browser.</summary>
    private static async Task<HttpResponseMessage> BuyNowAsync(PageBrowser browser, int productId, bool withAddress = true)
    {
        var checkout = $"/checkout?productId={productId}&quantity=1";
        var html = await browser.PageAsync(checkout);
        var fields = new Dictionary<string, string>
        {
            ["Token"] = Regex.Match(html, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value,
            ["ProductId"] = $"{productId}", ["Quantity"] = "1",
        };
        if (withAddress)
            fields["AddressId"] = Regex.Match(html, "name=\"AddressId\" value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostFormAsync(checkout, checkout, fields);
    }

    [Fact]
    public async Task Checkout_speaks_Chinese_and_a_missing_address_is_asked_for_in_Chinese()
    {
        var productId = await shop.NewProductAsync(stock: 5, price: 30m);
        var browser = await SignedInAsync(shop, "zh-CN", withAddress: true);

        var page = await browser.PageAsync($"/checkout?productId={productId}&quantity=1");
        var refused = await BuyNowAsync(browser, productId, withAddress: false);

        Assert.Contains("<h1>确认订单</h1>", page);
        Assert.Contains("<h2>收货地址</h2>", page);
        Assert.Equal("提交订单", Testid(page, "place-order"));
        Assert.Contains("运费 ¥10.00", page);
        Assert.Equal(["请选择收货地址。"], SummaryMessages(await HtmlAsync(refused)));
    }

    [Fact]
    public async Task Checkout_names_a_line_short_of_stock_in_Chinese_and_in_English()
    {
        var productId = await shop.NewProductAsync(stock: 3);
        var chinese = await SignedInAsync(shop, "zh-CN", withAddress: true);
        var english = await SignedInAsync(shop, "en", withAddress: true);

        var zh = await chinese.PageAsync($"/checkout?productId={productId}&quantity=5");
        var en = await english.PageAsync($"/checkout?productId={productId}&quantity=5");

        Assert.Matches(@"^测试商品 T-\w+：仅剩 3 件。$", Testid(zh, "checkout-problem"));
        Assert.Matches(@"^Test product T-\w+: only 3 left\.$", Testid(en, "checkout-problem"));
        Assert.Contains("<h1>Confirm your order</h1>", en);
    }

    [Fact]
    public async Task A_placed_order_awaits_payment_in_Chinese_with_China_times_and_is_cancelled_in_Chinese()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var browser = await SignedInAsync(shop, "zh-CN", withAddress: true);
        var placedAt = shop.Clock.GetUtcNow().UtcDateTime;

        var placed = await BuyNowAsync(browser, productId);

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var orderPath = placed.Headers.Location!.ToString();
        var html = await browser.PageAsync(orderPath);
        Assert.Equal($"订单已提交，请在 {InChina(placedAt.AddMinutes(30), Chinese)} 前完成付款。", Testid(html, "notice"));
        Assert.Equal("待付款", Testid(html, "order-status"));
        Assert.Contains("data-status=\"PendingPayment\"", html);
        Assert.Contains($"下单时间：{InChina(placedAt, Chinese)}", html);
        Assert.Equal($"请在 {InChina(placedAt.AddMinutes(30), Chinese)} 前付款", Testid(html, "pay-before"));
        Assert.Contains("尚未付款。", html);
        Assert.DoesNotContain("UTC", html);
        var orders = await browser.PageAsync("/orders");
        Assert.Contains("<th>下单时间</th>", orders);
        Assert.Contains("<span class=\"tag\" data-status=\"PendingPayment\">待付款</span>", orders);

        var cancelled = await browser.PostFormAsync(orderPath, orderPath + "?handler=Cancel", new());
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        html = await browser.PageAsync(orderPath);
        Assert.Equal("订单已取消。", Testid(html, "notice"));
        Assert.Equal("已取消", Testid(html, "order-status"));
        Assert.Contains("待付款 → 已取消 · 您 (您取消了订单)", html);

        // A second press (an old tab): the order's state now, in Chinese, rather than the API's account of it.
        var again = await browser.PostFormAsync(orderPath, orderPath + "?handler=Cancel", new());
        Assert.Equal(["该订单当前状态为“已取消”，无法取消。"], SummaryMessages(await HtmlAsync(again)));
    }

    [Fact]
    public async Task An_English_shopper_reads_the_same_order_in_English()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var browser = await SignedInAsync(shop, "en", withAddress: true);
        var placedAt = shop.Clock.GetUtcNow().UtcDateTime;

        var orderPath = (await BuyNowAsync(browser, productId)).Headers.Location!.ToString();
        var html = await browser.PageAsync(orderPath);

        Assert.Equal("Awaiting payment", Testid(html, "order-status"));
        Assert.Contains($"Placed {InChina(placedAt, new CultureInfo("en"))}", html);
        Assert.Contains("Not paid yet.", html);
        Assert.DoesNotContain("待付款", html);
        Assert.Contains(">Awaiting payment</span>", await browser.PageAsync("/orders"));
    }

    [Fact]
    public async Task A_delivered_order_shows_payment_parcel_and_history_in_Chinese()
    {
        var (order, tracking) = await shop.DeliveredOrderAsync();
        var browser = Open(shop, "zh-CN");
        await browser.Client.SignInOnPageAsync(order.Shopper.Login, ShopFactory.CustomerPassword);

        var html = await browser.PageAsync($"/orders/{order.Id}");

        Assert.Equal("已签收", Testid(html, "order-status"));
        Assert.Equal("支付成功", Testid(html, "payment-status"));
        Assert.Equal(tracking, Testid(html, "tracking-number"));
        Assert.Equal("已签收", Testid(html, "shipment-status"));
        foreach (var step in new[] { "已揽收", "运输中", "派送中" })
            Assert.Contains($"<strong>{step}</strong>", html);
        Assert.Contains("已发货 → 已签收 · 快递公司 (已签收，运单号 " + tracking + ")", html);
        Assert.Contains("待付款 → 待发货 · 支付系统 (已支付 ", html);
        Assert.DoesNotContain("UTC", html);
    }
}
