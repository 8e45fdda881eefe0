using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;

namespace Bazaar.Tests.Cart;

/// <summary>The cart page speaks the shopper's language: its words, the cart's own messages and the form's errors.</summary>
public sealed class CartPageLanguageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task A_Chinese_shopper_sees_the_cart_in_Chinese_with_the_notice_and_the_line_problem()
    {
        var kept = await shop.NewCartProductAsync(price: 12m);
        var withdrawn = await shop.NewCartProductAsync();
        var browser = PageBrowser.Open(shop, "zh-CN");

        var added = await browser.PostFormAsync($"/cart/add?productId={kept.Id}&quantity=2", "/cart?handler=Add",
            new() { ["productId"] = $"{kept.Id}", ["quantity"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await browser.Client.AddOkAsync(withdrawn.Id, 1);
        await shop.UnpublishAsync(withdrawn.Id);
        var html = await browser.PageAsync("/cart");

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal("已加入购物车。", PageBrowser.Testid(html, "notice"));
        Assert.Contains("<h1>我的购物车</h1>", html);
        Assert.Contains("<th>单价</th>", html);
        Assert.Contains("商品合计", html);
        Assert.Equal("该商品已下架。", PageBrowser.Testid(html, "line-problem"));
        Assert.Contains("请先处理标出的商品，再去结算。", html);
        Assert.DoesNotContain("no longer sold", html);
        Assert.DoesNotContain("Subtotal", html);
    }

    [Fact]
    public async Task An_English_shopper_sees_the_same_cart_in_English()
    {
        var product = await shop.NewCartProductAsync(price: 12m);
        var browser = PageBrowser.Open(shop, "en");
        await browser.Client.AddOkAsync(product.Id, 2);

        var html = await browser.PageAsync("/cart");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<h1>Your cart</h1>", html);
        Assert.Equal("Check out", PageBrowser.Testid(html, "checkout"));
        Assert.Equal("¥24.00", PageBrowser.Testid(html, "cart-subtotal"));
        Assert.DoesNotContain("购物车是", html);
    }

    [Theory]
    [InlineData("zh-CN", "9", "仅剩 8 件。")]
    [InlineData("en", "9", "Only 8 left.")]
    [InlineData("zh-CN", "0", "数量须在 1 到 99 之间；不想要的商品请点“删除”。")]
    [InlineData("zh-CN", "lots", "数量须在 1 到 99 之间；不想要的商品请点“删除”。")]
    public async Task A_quantity_the_cart_refuses_is_explained_in_the_shoppers_language(string language, string quantity, string message)
    {
        var product = await shop.NewCartProductAsync(stock: 8);
        var browser = PageBrowser.Open(shop, language);
        await browser.Client.AddOkAsync(product.Id, 1);

        var refused = await browser.PostFormAsync("/cart", $"/cart?handler=Quantity&productId={product.Id}", new() { ["quantity"] = quantity });

        // The handler's message alone: not also the model binder's English "The value 'lots' is not valid".
        Assert.Equal([message], PageBrowser.SummaryMessages(await PageBrowser.HtmlAsync(refused)));
    }

    [Fact]
    public async Task Adding_more_than_is_left_says_so_in_Chinese_on_the_product_page()
    {
        var product = await shop.NewCartProductAsync(stock: 3);
        var browser = PageBrowser.Open(shop, "zh-CN");
        // Another Chinese visitor has just seen the product page: it is in the shared page cache.
        var other = PageBrowser.Open(shop, "zh-CN");
        await other.PageAsync($"/products/{product.Id}");
        Assert.NotNull((await other.Client.GetAsync($"/products/{product.Id}")).Headers.Age);

        var refused = await browser.PostFormAsync($"/cart/add?productId={product.Id}&quantity=5", "/cart?handler=Add",
            new() { ["productId"] = $"{product.Id}", ["quantity"] = "5" });

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal($"/products/{product.Id}", refused.Headers.Location!.ToString());
        // The message is this shopper's alone: rendered for them, not the cached page without it, and shown once.
        Assert.Equal("仅剩 3 件。", PageBrowser.Testid(await browser.PageAsync($"/products/{product.Id}"), "cart-error"));
        Assert.DoesNotContain("cart-error", await browser.PageAsync($"/products/{product.Id}"));
        Assert.DoesNotContain("cart-error", await other.PageAsync($"/products/{product.Id}"));
    }
}
