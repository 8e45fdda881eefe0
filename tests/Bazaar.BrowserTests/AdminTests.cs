using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>An operator changes a price in the back office; shoppers and strangers are kept out of it.</summary>
public sealed class AdminTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Admin_edits_a_price_and_the_storefront_shows_the_new_price() => RunAsync(async page =>
    {
        await SignInAsAdminAsync(page);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back office" })).ToBeVisibleAsync();

        await page.GotoAsync("/admin/products");
        var rows = page.GetByTestId("admin-products").Locator("tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        // A published product, so the storefront shows it to everyone.
        var row = rows.Filter(new() { Has = page.Locator(".tag", new() { HasTextString = "Published" }) }).First;
        var sku = (await row.Locator("code").InnerTextAsync()).Trim();
        await row.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/admin/products/edit/\d+$"));
        var id = int.Parse(PathOf(page).Split('/')[^1]);
        var price = page.Locator("input[name='Input.Price']");
        await Expect(page.Locator("input[name='Input.Sku']")).ToHaveValueAsync(sku);
        await Expect(price).Not.ToHaveValueAsync("1234.50");
        await price.FillAsync("1234.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save product" }).ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/admin/products$"));
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync($"Saved {sku}.");
        await Expect(page.GetByTestId("admin-products").Locator("tr", new() { Has = page.Locator("code", new() { HasTextString = sku }) }))
            .ToContainTextAsync("¥1,234.50");

        // A shopper (a fresh, anonymous browser) sees the new price on the product page.
        await using var shopper = await Fixture.NewContextAsync();
        var shopperPage = await shopper.NewPageAsync();
        var response = await shopperPage.GotoAsync($"/products/{id}");
        Assert.Equal(200, response!.Status);
        await Expect(shopperPage.GetByTestId("product-price")).ToHaveTextAsync("¥1,234.50");
    });

    [Fact]
    public Task A_customer_opening_the_back_office_gets_the_not_allowed_page() => RunAsync(async page =>
    {
        var (userName, _) = await RegisterCustomerAsync(page);
        await SignInAsync(page, userName, Password);

        var response = await page.GotoAsync("/admin/products");

        Assert.Equal("/account/denied", PathOf(page));
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Not allowed");
        await Expect(page.GetByTestId("admin-products")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back office" })).ToHaveCountAsync(0);
    });

    [Fact]
    public Task An_anonymous_visitor_is_sent_to_sign_in_and_comes_back_after() => RunAsync(async page =>
    {
        await page.GotoAsync("/admin/products");

        Assert.Equal("/account/login", PathOf(page));
        Assert.Contains("ReturnUrl=%2Fadmin%2Fproducts", page.Url, StringComparison.OrdinalIgnoreCase);
        await Expect(page.GetByTestId("admin-products")).ToHaveCountAsync(0);

        await page.Locator("input[name='Input.Login']").FillAsync(ShopProcess.AdminUserName);
        await page.Locator("input[name='Input.Password']").FillAsync(ShopProcess.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/admin/products$"));
        await Expect(page.GetByTestId("admin-products")).ToBeVisibleAsync();
    });
}
