using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// A shopper whose browser asks for Chinese reads the shop in Chinese, switches to English in the
/// header, keeps English from page to page and after a new page load, and switches back.
/// </summary>
public sealed class LanguageTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_Chinese_shopper_switches_to_English_keeps_it_on_the_next_pages_and_switches_back() => RunAsync(async page =>
    {
        var (productId, _) = await ProductInStockAsync(page);
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("新品上架");
        await Expect(page.GetByTestId("cart-link")).ToHaveTextAsync("购物车");
        await Expect(page.GetByTestId("product-card").First).ToContainTextAsync(new Regex("库存 \\d+ 件|缺货"));

        // The switch goes back to the page it was pressed on, now in English.
        await page.GetByTestId("lang-en").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"^http://[^/]+/$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("New arrivals");
        await Expect(page.GetByTestId("cart-link")).ToHaveTextAsync("Cart");
        await Expect(page.GetByTestId("lang-zh")).ToBeVisibleAsync();

        // The next pages, though the browser still asks for Chinese.
        await page.GotoAsync($"/products/{productId}");
        await Expect(page.GetByTestId("add-to-cart")).ToHaveTextAsync("Add to cart");
        await Expect(page.GetByTestId("buy-now")).ToHaveTextAsync("Buy now");
        await Expect(page.GetByTestId("product-stock")).ToHaveTextAsync(new Regex(@"^\s*\d+ in stock\s*$"));
        await page.GetByTestId("add-to-cart").ClickAsync();
        await ArrivedAtAsync(page, new Regex("/cart$"));
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("Added to your cart.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your cart");
        await Expect(page.GetByTestId("checkout")).ToHaveTextAsync("Check out");

        // A new page load, in a new tab: the choice is remembered, not only carried along.
        var again = await page.Context.NewPageAsync();
        await again.GotoAsync("/cart");
        await Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(again.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your cart");
        await Expect(again.GetByRole(AriaRole.Columnheader, new() { Name = "Quantity" })).ToBeVisibleAsync();

        // And back to Chinese, on the same page.
        await again.GetByTestId("lang-zh").ClickAsync();
        await ArrivedAtAsync(again, new Regex("/cart$"));
        await Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(again.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("我的购物车");
        await Expect(again.GetByTestId("checkout")).ToHaveTextAsync("去结算");
        await again.GotoAsync($"/products/{productId}");
        await Expect(again.GetByTestId("add-to-cart")).ToHaveTextAsync("加入购物车");
    });
}
