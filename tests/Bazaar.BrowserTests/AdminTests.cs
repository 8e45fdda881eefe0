using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>An operator changes a price in the back office (in English) and imports products (in Chinese); shoppers and strangers are kept out of it.</summary>
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
        var row = rows.Filter(new() { Has = page.Locator(".tag", new() { HasTextString = "On sale" }) }).First;
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
    }, locale: "en");

    [Fact]
    public Task Admin_imports_a_CSV_and_watches_the_progress_bar_until_the_report_names_the_bad_line() => RunAsync(async page =>
    {
        var errors = new List<string>();
        // Script errors, and failed requests of the page (the browser's own favicon request is not one of them).
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource")) errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/admin/products");
        await page.GetByTestId("import-link").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/admin/products/import$"));
        // Big enough that the import is usually still running when its page first shows, so the
        // polling script is what brings the report.
        var prefix = "BR" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var rows = Enumerable.Range(1, 20_000).Select(i => $"{prefix}-{i:D5},浏览器导入 {i},Browser import {i},,,{i % 90 + 10}.50,tea,{i % 30},true")
            .Append($"{prefix}-BAD,坏价格,Bad price,,,abc,tea,1,true");
        var csv = "sku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published\r\n" + string.Join("\r\n", rows) + "\r\n";
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "browser.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByTestId("import-start").ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/admin/products/import/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("import-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("import-state")).ToHaveTextAsync("已完成", new() { Timeout = 120_000 });
        await Expect(page.GetByTestId("import-state")).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("value", "100");
        await Expect(page.GetByTestId("created")).ToHaveTextAsync("20000");
        var bad = page.GetByTestId("rejected-row");
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad.Locator("td").First).ToHaveTextAsync("20002");
        await Expect(bad).ToContainTextAsync("价格“abc”不是有效数字（应如 12.50）。");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    });

    [Fact]
    public Task A_customer_opening_the_back_office_gets_the_not_allowed_page() => RunAsync(async page =>
    {
        var (userName, _) = await RegisterCustomerAsync(page);
        await SignInAsync(page, userName, Password);

        var response = await page.GotoAsync("/admin/products");

        Assert.Equal("/account/denied", PathOf(page));
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("无权访问");
        await Expect(page.GetByTestId("admin-products")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "后台管理" })).ToHaveCountAsync(0);
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
        await page.GetByTestId("sign-in").ClickAsync();
        await SecondStepAsAdminAsync(page);

        await ArrivedAtAsync(page, new Regex(@"/admin/products$"));
        await Expect(page.GetByTestId("admin-products")).ToBeVisibleAsync();
    });
}
