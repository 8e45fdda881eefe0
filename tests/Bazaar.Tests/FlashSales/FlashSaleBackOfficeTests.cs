using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.FlashSales;

/// <summary>
/// The back office's flash-sale page as an operator's browser uses it: a sale started from the form is
/// listed with its units held, bad input comes back beside its field in the operator's language, and
/// ending a sale early stops the selling, puts the rest back on the shelf and is in the audit log.
/// </summary>
public abstract class FlashSaleBackOfficeTests(ShopFactory shop)
{
    private async Task<PageBrowser> OperatorAsync(string language)
    {
        var browser = PageBrowser.Open(shop, language);
        await shop.SignInAdminOnPageAsync(browser.Client);
        return browser;
    }

    private static Task<HttpResponseMessage> CreateAsync(PageBrowser browser, object productId, string price, string quantity,
        string startsAt = "", string endsAt = "") =>
        browser.PostFormAsync("/admin/flash-sales", "/admin/flash-sales", new Dictionary<string, string>
        {
            ["Input.ProductId"] = productId.ToString()!, ["Input.Price"] = price, ["Input.Quantity"] = quantity,
            ["Input.StartsAt"] = startsAt, ["Input.EndsAt"] = endsAt,
        });

    /// <summary>The list's row of the product's sale: (sale id, units, sold, state).</summary>
    private static (Guid Id, int Units, int Sold, string State) Row(string html, int productId)
    {
        var row = Regex.Match(html, $"<tr data-testid=\"flash-sale\" data-id=\"([^\"]+)\" data-state=\"(\\w+)\">(?:(?!</tr>).)*?/admin/products/edit/{productId}\"(?:(?!</tr>).)*</tr>",
            RegexOptions.Singleline);
        Assert.True(row.Success, $"no sale of product {productId} listed");
        return (Guid.Parse(row.Groups[1].Value), int.Parse(PageBrowser.Testid(row.Value, "units")),
            int.Parse(PageBrowser.Testid(row.Value, "sold")), row.Groups[2].Value);
    }

    [Fact]
    public async Task A_sale_started_on_the_page_is_listed_live_with_its_units_held()
    {
        var productId = await shop.NewProductAsync(stock: 10, price: FlashShopping.ListPrice);
        var browser = await OperatorAsync("en");

        var created = await CreateAsync(browser, productId, "9.90", "4");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var html = await browser.PageAsync(created.Headers.Location!.ToString());
        Assert.Contains("created", PageBrowser.Testid(html, "notice"));
        var (_, units, sold, state) = Row(html, productId);
        Assert.Equal((4, 0, "Live"), (units, sold, state));
        Assert.Equal(4, (await shop.StockAsync(productId)).Reserved);
        Assert.Contains("href=\"/admin/flash-sales\"", await browser.PageAsync("/admin"));
    }

    [Fact]
    public async Task Bad_input_comes_back_beside_its_field_in_Chinese_and_holds_nothing()
    {
        var productId = await shop.NewProductAsync(stock: 10, price: FlashShopping.ListPrice);
        var browser = await OperatorAsync("zh-CN");

        async Task<string> MessageAsync(string field, object product, string price, string quantity, string startsAt = "")
        {
            var html = await PageBrowser.HtmlAsync(await CreateAsync(browser, product, price, quantity, startsAt));
            return PageBrowser.FieldMessage(html, "Input." + field);
        }

        Assert.Equal("商品编号须为整数（商品列表中的数字）。", await MessageAsync("ProductId", "TEA-SKU-1", "9.90", "1"));
        Assert.Equal("没有编号为 999999 的商品。", await MessageAsync("ProductId", 999_999, "9.90", "1"));
        Assert.Equal("价格须为数字，例如 9.90。", await MessageAsync("Price", productId, "abc", "1"));
        Assert.Equal("抢购价须低于商品原价（50.00）。", await MessageAsync("Price", productId, "50.00", "1"));
        Assert.Equal("该商品仅有 10 件可售。", await MessageAsync("Quantity", productId, "9.90", "11"));
        Assert.Equal("请填写抢购的件数。", await MessageAsync("Quantity", productId, "9.90", ""));
        Assert.Equal("限时抢购须从现在或之后开始，不能在过去。", await MessageAsync("StartsAt", productId, "9.90", "1", "2020-01-01T10:00"));
        Assert.Equal("请填写日期和时间，例如 2026-11-11T20:00。", await MessageAsync("StartsAt", productId, "9.90", "1", "tomorrow"));
        Assert.Equal(0, (await shop.StockAsync(productId)).Reserved);
    }

    [Fact]
    public async Task Ending_a_sale_early_stops_the_selling_puts_the_rest_back_and_is_audited()
    {
        var (saleId, productId) = await shop.NewSaleAsync(5, stock: 10);
        var buyers = await shop.NewBuyersAsync(2);
        var client = shop.Anonymous();
        Assert.Equal(HttpStatusCode.Created, (await shop.BuyAsync(client, buyers[0], saleId)).Status);
        var browser = await OperatorAsync("en");

        var ended = await browser.PostFormAsync("/admin/flash-sales", $"/admin/flash-sales?handler=End&id={saleId}",
            new Dictionary<string, string> { ["reason"] = "wrong price" });

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var html = await browser.PageAsync("/admin/flash-sales");
        Assert.Contains("1 sold, 4 unit(s) back in stock", PageBrowser.Testid(html, "notice"));
        Assert.Equal((5, 1, "Ended"), Row(html, productId) is var r ? (r.Units, r.Sold, r.State) : default);
        var late = await shop.BuyAsync(client, buyers[1], saleId);
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Equal("ended", late.Code);
        Assert.Equal(1, (await shop.StockAsync(productId)).Reserved); // only the order's unit; the hold went back
        var admin = await shop.AdminAsync();
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?target={Uri.EscapeDataString($"flash sale {saleId}")}");
        var entries = audit.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("flash-sale.ended-early", "admin"), entries);
        Assert.Contains(entries, e => e.Item1 == "flash-sale.closed");
        // The API's door to the same handler: a sale that has ended cannot end again.
        var again = await admin.PostAsJsonAsync($"/api/v1/admin/flash-sales/{saleId}/end", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/admin/flash-sales/{Guid.NewGuid()}/end", new { })).StatusCode);
    }
}

public sealed class FlashSaleBackOfficeTests_Sqlite(SqliteShop shop) : FlashSaleBackOfficeTests(shop), IClassFixture<SqliteShop>;
public sealed class FlashSaleBackOfficeTests_Postgres(PostgresShop shop) : FlashSaleBackOfficeTests(shop), IClassFixture<PostgresShop>;
