using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>A shopper searches, opens a product and browses a department.</summary>
public sealed partial class CatalogTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Searching_手机_from_the_header_shows_products_whose_names_contain_it() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await SearchFromHeaderAsync(page, "手机");

        Assert.Equal("/search", PathOf(page));
        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync(new Regex(@"^共 [1-9]\d* 件商品$"));
        var names = (await page.GetByTestId("product-card").GetByTestId("product-name").AllInnerTextsAsync()).ToList();
        Assert.NotEmpty(names);
        // Products named with the word come first; after them may come products found through their
        // category (手机), such as a phone another test renamed in the back office.
        Assert.Contains("手机", names[0]);
        var firstOther = names.FindIndex(name => !name.Contains("手机"));
        Assert.True(firstOther < 0 || names.Skip(firstOther).All(name => !name.Contains("手机")),
            "a product named with 手机 came after one found only through its category: " + string.Join(" | ", names));
        // The search box keeps what was typed.
        await Expect(page.Locator("header form.search input[name='q']")).ToHaveValueAsync("手机");
    });

    [Fact]
    public Task Searching_in_English_ignores_case() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await SearchFromHeaderAsync(page, "huawei");

        await Expect(page.GetByTestId("result-count")).ToHaveTextAsync(new Regex(@"^[1-9]\d* products$"));
        var names = await page.GetByTestId("product-card").GetByTestId("product-name").AllInnerTextsAsync();
        Assert.NotEmpty(names);
        Assert.Contains(names, n => n.Contains("Huawei", StringComparison.Ordinal)); // the catalog spells it "Huawei"
        Assert.All(names, n => Assert.Contains("huawei", n, StringComparison.OrdinalIgnoreCase));
    }, locale: "en-US");

    [Fact]
    public Task Opening_a_product_from_the_results_shows_its_name_and_price() => RunAsync(async page =>
    {
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("手机"));
        var card = page.GetByTestId("product-card").First;
        var name = (await card.GetByTestId("product-name").InnerTextAsync()).Trim();
        var price = (await card.GetByTestId("product-price").InnerTextAsync()).Trim();

        await card.ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/products/\d+$"));
        await Expect(page.GetByTestId("product-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("product-price")).ToHaveTextAsync(new Regex(@"^¥\d{1,3}(,\d{3})*\.\d{2}$"));
        await Expect(page.GetByTestId("product-price")).ToHaveTextAsync(price);
        await Expect(page).ToHaveTitleAsync(new Regex(Regex.Escape(name)));
    });

    [Fact]
    public Task An_unknown_product_shows_the_not_found_page_with_status_404() => RunAsync(async page =>
    {
        var response = await page.GotoAsync("/products/987654321");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("页面不存在");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "返回商店" })).ToBeVisibleAsync();
    });

    [Fact]
    public Task A_department_shows_24_products_a_page_with_a_pager_and_sorts_by_price() => RunAsync(async page =>
    {
        await page.GotoAsync("/");
        var department = page.Locator("header nav.departments a").First;
        var departmentName = (await department.InnerTextAsync()).Trim();
        await department.ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/categories/\d+$"));

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(departmentName);
        await Expect(page.GetByTestId("product-card")).ToHaveCountAsync(24);
        var total = int.Parse(CountPattern().Match(await page.GetByTestId("result-count").InnerTextAsync()).Value);
        Assert.True(total > 24, $"a department of the demo catalog has more than one page; it shows {total} products");
        var pager = page.GetByTestId("pager");
        await Expect(pager.Locator(".current")).ToHaveTextAsync("1");
        await Expect(pager.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true })).ToBeVisibleAsync();

        await page.Locator("select[name='sort']").SelectOptionAsync("price_asc");
        await ArrivedAtAsync(page, new Regex(@"/categories/\d+\?sort=price_asc$"));

        await Expect(page.GetByTestId("product-card")).ToHaveCountAsync(24);
        var prices = (await page.GetByTestId("product-card").GetByTestId("product-price").AllInnerTextsAsync())
            .Select(ParsePrice).ToList();
        Assert.Equal(prices.Order().ToList(), prices);
        Assert.True(prices[0] < prices[^1], "a page of different products has different prices");

        // Page 2 keeps the sort and goes on from where page 1 stopped.
        await pager.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/categories/\d+\?sort=price_asc&page=2$"));
        Assert.Contains("sort=price_asc", page.Url);
        var next = (await page.GetByTestId("product-card").GetByTestId("product-price").AllInnerTextsAsync())
            .Select(ParsePrice).ToList();
        Assert.NotEmpty(next);
        Assert.True(next[0] >= prices[^1], $"page 2 starts at {next[0]}, below page 1's last price {prices[^1]}");
    });

    private static async Task SearchFromHeaderAsync(IPage page, string text)
    {
        var box = page.Locator("header form.search input[name='q']");
        await box.FillAsync(text);
        await box.PressAsync("Enter");
        await ArrivedAtAsync(page, new Regex(@"/search\?q="));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex CountPattern();
}
