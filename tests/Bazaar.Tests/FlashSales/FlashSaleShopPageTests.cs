using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.FlashSales;

/// <summary>
/// The shop's /flash-sales page as shoppers use it: what is on with its price and units left, what is
/// coming with the time to its start, a guest sent to sign in, and a customer's Buy going through the
/// same path as the API: an order at the flash price, then a clear "one per customer" and "sold out".
/// </summary>
public abstract class FlashSaleShopPageTests(ShopFactory shop)
{
    private static string Card(string html, Guid saleId)
    {
        var card = Regex.Match(html, $"<li class=\"panel\" data-testid=\"flash-sale\" data-id=\"{saleId}\".*?</li>", RegexOptions.Singleline);
        Assert.True(card.Success, $"sale {saleId} is not on the page");
        return card.Value;
    }

    [Fact]
    public async Task Guests_see_running_and_upcoming_sales_and_the_way_to_sign_in_to_buy()
    {
        var (running, _) = await shop.NewSaleAsync(3);
        var (upcoming, _) = await shop.NewSaleAsync(2, startsIn: TimeSpan.FromHours(2));
        var guest = PageBrowser.Open(shop, "en");

        var html = await guest.PageAsync("/flash-sales");

        var now = Card(html, running);
        Assert.Equal("¥9.90", PageBrowser.Testid(now, "price"));
        Assert.Equal("3", PageBrowser.Testid(now, "left"));
        Assert.Contains("/account/login", Regex.Match(now, "<a[^>]*data-testid=\"sign-in-to-buy\"[^>]*>").Value);
        var later = Card(html, upcoming);
        Assert.DoesNotContain("data-testid=\"buy\"", later);
        Assert.DoesNotContain("sign-in-to-buy", later);
        Assert.Matches(@"0\.0[12]:\d\d:\d\d", Regex.Match(later, "<time[^>]*>([^<]*)</time>").Groups[1].Value); // about two hours to go
        Assert.DoesNotContain("data-testid=\"buy\"", now); // a guest has no Buy button, only the way to sign in
    }

    [Fact]
    public async Task A_customer_buys_one_on_the_page_then_is_told_one_per_customer_and_others_sold_out()
    {
        var (saleId, productId) = await shop.NewSaleAsync(1);
        var buyer = await PageBrowser.SignedInAsync(shop, "zh-CN", withAddress: true);
        var latecomer = await PageBrowser.SignedInAsync(shop, "zh-CN", withAddress: true);

        var card = Card(await buyer.PageAsync("/flash-sales"), saleId);
        var key = Regex.Match(card, "name=\"key\" value=\"([^\"]+)\"").Groups[1].Value;
        var bought = await buyer.PostFormAsync("/flash-sales", $"/flash-sales?handler=Buy&id={saleId}", new() { ["key"] = key });
        // The same click arriving twice (a double click, a resent form): the same order, not a refusal.
        var twice = await buyer.PostFormAsync("/flash-sales", $"/flash-sales?handler=Buy&id={saleId}", new() { ["key"] = key });
        var again = await buyer.PostFormAsync("/flash-sales", $"/flash-sales?handler=Buy&id={saleId}", new() { ["key"] = "another-click" });
        var told = await buyer.PageAsync(again.Headers.Location!.ToString());
        var late = await latecomer.PostFormAsync("/flash-sales", $"/flash-sales?handler=Buy&id={saleId}", new() { ["key"] = "late" });
        var soldOut = await latecomer.PageAsync(late.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Redirect, bought.StatusCode);
        var order = bought.Headers.Location!.ToString();
        Assert.StartsWith("/orders/", order);
        Assert.Equal(order, twice.Headers.Location!.ToString());
        var orders = await shop.OrdersOfAsync(productId);
        Assert.Equal((FlashShopping.FlashPrice, 1), (Assert.Single(orders).UnitPrice, orders[0].Quantity));
        Assert.Equal("您已抢到本次抢购的一件商品：每位顾客限购一件。", Regex.Match(told, "data-testid=\"buy-problem\">([^<]*)<").Groups[1].Value.Trim());
        Assert.True(told.Contains($"href=\"{order}\""), Regex.Match(told, "data-testid=\"buy-problem\".{0,300}", RegexOptions.Singleline).Value);
        Assert.Equal("已抢光：本次抢购的商品已全部售出。", Regex.Match(soldOut, "data-testid=\"buy-problem\">([^<]*)<").Groups[1].Value.Trim());
        Assert.Contains("data-testid=\"sold-out\"", Card(soldOut, saleId));
        Assert.Equal(1, (await shop.SaleAsync(saleId)).Sold);
    }

    [Fact]
    public async Task A_customer_without_an_address_is_asked_for_one_and_nothing_is_sold()
    {
        var (saleId, _) = await shop.NewSaleAsync(2);
        var customer = await PageBrowser.SignedInAsync(shop, "en");

        var post = await customer.PostFormAsync("/flash-sales", $"/flash-sales?handler=Buy&id={saleId}", new() { ["key"] = "k" });
        var html = await customer.PageAsync(post.Headers.Location!.ToString());

        Assert.Contains("Add a delivery address", Regex.Match(html, "data-testid=\"buy-problem\">([^<]*)<").Groups[1].Value);
        Assert.Equal(0, (await shop.SaleAsync(saleId)).Sold);
    }
}

public sealed class FlashSaleShopPageTests_Sqlite(SqliteShop shop) : FlashSaleShopPageTests(shop), IClassFixture<SqliteShop>;
public sealed class FlashSaleShopPageTests_Postgres(PostgresShop shop) : FlashSaleShopPageTests(shop), IClassFixture<PostgresShop>;
