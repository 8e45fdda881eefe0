using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// "Add to cart" on a product page that came out of the shared page cache (another shopper's copy,
/// without a form token): with JavaScript it goes straight to the cart; without, through a
/// confirmation page. Either way the shopper ends with the units in their own cart.
/// </summary>
public sealed class AddToCartTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_shopper_adds_two_units_from_a_cached_product_page() => RunAsync(async page =>
    {
        var (url, name) = await ProductInStockAsync();

        // Pages stay a second in the cache: the next visit is served the first one's copy. On a loaded
        // machine a visit can take longer than that second (a CI run missed it), so up to five visits.
        await page.GotoAsync(url);
        var cached = false;
        for (var visit = 0; visit < 5 && !cached; visit++)
            cached = (await (await page.GotoAsync(url))!.AllHeadersAsync()).ContainsKey("age");
        Assert.True(cached, "the product page came from the page cache");
        await page.GetByTestId("quantity").FillAsync("2");
        await page.GetByTestId("add-to-cart").ClickAsync();

        await ArrivedAtAsync(page, new Regex("/cart$"));
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("已加入购物车。");
        var line = page.GetByTestId("cart-line");
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line).ToContainTextAsync(name);
        await Expect(line.Locator("input[name='quantity']")).ToHaveValueAsync("2");
    });

    [Fact]
    public Task Without_JavaScript_the_shopper_confirms_and_the_units_are_in_the_cart() => RunAsync(async page =>
    {
        var (url, name) = await ProductInStockAsync();

        await page.GotoAsync(url);
        await page.GetByTestId("quantity").FillAsync("3");
        await page.GetByTestId("add-to-cart").ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/cart/add\?productId=\d+&quantity=3$"));
        await Expect(page.GetByTestId("confirm-product")).ToHaveTextAsync(name);
        await page.GetByTestId("confirm-add-to-cart").ClickAsync();

        await ArrivedAtAsync(page, new Regex("/cart$"));
        var line = page.GetByTestId("cart-line");
        await Expect(line).ToContainTextAsync(name);
        await Expect(line.Locator("input[name='quantity']")).ToHaveValueAsync("3");
    }, javaScript: false);

    /// <summary>A product with stock, found by another shopper.</summary>
    private async Task<(string Url, string Name)> ProductInStockAsync()
    {
        var other = await OpenAnotherBrowserAsync();
        await other.GotoAsync("/search?q=" + Uri.EscapeDataString("手机"));
        var card = other.GetByTestId("product-card").First;
        await card.ClickAsync();
        await ArrivedAtAsync(other, new Regex(@"/products/\d+$"));
        await Expect(other.GetByTestId("add-to-cart")).ToBeVisibleAsync();
        var name = (await other.GetByTestId("product-name").InnerTextAsync()).Trim();
        return (new Uri(other.Url).PathAndQuery, name);
    }
}
