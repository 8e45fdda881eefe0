using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Admin;
using Bazaar.Ordering;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bazaar.Tests.Admin;

/// <summary>The back office speaks the operator's language: its words, the shop's states, and the handlers' messages.</summary>
public sealed class BackOfficeLanguageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static void Speak(HttpClient client, string language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
    }

    private async Task<HttpClient> OperatorAsync(string language)
    {
        var browser = shop.Guest();
        await shop.SignInAdminOnPageAsync(browser);
        Speak(browser, language);
        return browser;
    }

    [Fact]
    public async Task The_dashboard_and_the_orders_speak_Chinese_to_a_Chinese_operator()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customer,
            new PlaceOrderRequest([new OrderItemRequest(productId, 1)], address), Guid.NewGuid().ToString(), false, default));
        var admin = await OperatorAsync("zh-CN");

        var dashboard = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin"));
        var orders = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/orders?number=" + placed.Value!.Number));
        var order = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/orders/{placed.Value.Id}"));

        Assert.Contains("<h1>后台管理</h1>", dashboard);
        Assert.Contains("所有日期均为北京时间，Asia/Shanghai (UTC+08:00)", dashboard);
        Assert.Contains("<h2>待发货</h2>", dashboard);
        Assert.DoesNotContain("Waiting to ship", dashboard);
        // The charts' words are the page's, in Chinese; the figures stay the API's.
        var texts = Regex.Match(dashboard, "<script type=\"application/json\" id=\"dashboard-texts\">(.*?)</script>").Groups[1].Value;
        Assert.Contains("\"revenueSeries\":\"营业额（元）\"", Regex.Unescape(texts));
        Assert.Contains("\"PendingPayment\":\"待付款\"", Regex.Unescape(texts));

        Assert.Contains("<h1>订单</h1>", orders);
        Assert.Contains("<option value=\"\">全部状态</option>", orders);
        Assert.Matches("<span class=\"tag\" data-status=\"PendingPayment\">待付款</span>", orders);
        Assert.Contains("下单时间（北京时间）", orders);

        Assert.Matches("data-testid=\"order-status\" data-status=\"PendingPayment\">待付款<", order);
        Assert.Contains(">取消订单</button>", order);
        Assert.Contains("尚未付款。", order);
        Assert.DoesNotContain("Cancel the order", order);
    }

    [Fact]
    public async Task The_order_list_shows_and_filters_China_s_days()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customer,
            new PlaceOrderRequest([new OrderItemRequest(productId, 1)], address), Guid.NewGuid().ToString(), false, default));
        // 20:00 UTC on 1 January is 04:00 on 2 January in Shanghai.
        var at = new DateTime(2020, 1, 1, 20, 0, 0, DateTimeKind.Utc);
        await shop.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == placed.Value!.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.PlacedAt, at)));
        var admin = await OperatorAsync("zh-CN");
        string Orders(string day) => $"/admin/orders?customerId={customer}&from={day}&to={day}";

        var secondOfJanuary = await admin.GetStringAsync(Orders("2020-01-02"));
        var firstOfJanuary = await admin.GetStringAsync(Orders("2020-01-01"));

        Assert.Contains(placed.Value!.Number, secondOfJanuary);
        Assert.Contains("2020/1/2 04:00", secondOfJanuary);
        Assert.DoesNotContain(placed.Value.Number, firstOfJanuary);
    }

    [Fact]
    public async Task The_same_pages_speak_English_to_an_English_operator()
    {
        var admin = await OperatorAsync("en");

        var dashboard = await admin.GetStringAsync("/admin");
        var orders = await admin.GetStringAsync("/admin/orders");

        Assert.Contains("<h2>Waiting to ship</h2>", dashboard);
        Assert.DoesNotContain("待发货", dashboard);
        Assert.Contains("<option value=\"PendingPayment\">Awaiting payment</option>", orders);
    }

    [Theory]
    [InlineData("zh-CN", "SKU为必填项。", "价格须为数字，如 1299.00。")]
    [InlineData("en", "SKU is required.", "Price must be a number such as 1299.00.")]
    public async Task The_product_editor_s_messages_are_in_the_operator_s_language(string language, string skuMessage, string priceMessage)
    {
        var admin = await OperatorAsync(language);
        var form = await admin.GetStringAsync("/admin/products/edit");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var noSku = await admin.PostAsync("/admin/products/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Sku"] = "", ["Input.NameZh"] = "茶", ["Input.NameEn"] = "Tea", ["Input.Price"] = "12.50",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        var badPrice = await admin.PostAsync("/admin/products/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Sku"] = "X-1", ["Input.Price"] = "abc", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));

        Assert.Equal(HttpStatusCode.OK, noSku.StatusCode);
        Assert.Contains(skuMessage, WebUtility.HtmlDecode(await noSku.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, badPrice.StatusCode);
        Assert.Contains(priceMessage, WebUtility.HtmlDecode(await badPrice.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void A_handler_s_message_is_translated_with_its_values_and_joined_messages_one_by_one()
    {
        var t = shop.Services.GetRequiredService<IStringLocalizer<BackOfficeText>>();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");

            Assert.Equal("“待付款”的订单不能发货，只有已付款的订单才能发货。",
                t.Message("An order that is PendingPayment cannot be shipped; only a paid order can."));
            Assert.Equal("中文名称最多 200 个字符。", t.Message("Chinese name must be at most 200 characters."));
            Assert.Equal("价格“abc”不是有效数字（应如 12.50）。 SKU X-1 已在第 3 行出现；同一文件中每个 SKU 只能出现一次。",
                t.Message("Price 'abc' is not a number such as 12.50. SKU X-1 is already on line 3; a SKU may appear once in a file."));
            Assert.Equal("A message nobody wrote a template for.", t.Message("A message nobody wrote a template for."));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
