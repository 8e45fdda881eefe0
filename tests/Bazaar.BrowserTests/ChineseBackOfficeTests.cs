using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// An operator who reads Chinese runs the shop from the back office: renames a product and changes
/// its price, gives it a picture that shoppers then see, and ships a paid order; every page, button,
/// status and notice on the way is in Chinese, the charts' words too.
/// </summary>
public sealed class ChineseBackOfficeTests(BrowserShop fixture, ITestOutputHelper output) : OrderLifeTest(fixture, output)
{
    [Fact]
    public Task A_Chinese_operator_edits_a_product_gives_it_a_picture_and_ships_a_paid_order() => RunAsync(async page =>
    {
        // A shopper's paid order waits in the back office.
        var order = await PlaceOrderAsync(page);
        await PayAsync(page, order, "pay");
        await ExpectPaidAsync(page);

        var admin = await OpenAnotherBrowserAsync("zh-CN");
        await SignInAsAdminAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "后台管理" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("后台管理");
        await Expect(admin.GetByTestId("time-zone")).ToContainTextAsync("所有日期均为北京时间，Asia/Shanghai (UTC+08:00)");
        await admin.WaitForFunctionAsync("() => window.Chart && Chart.getChart(document.getElementById('chart-revenue'))");
        var series = await admin.EvaluateAsync<string[]>(
            "() => Chart.getChart(document.getElementById('chart-revenue')).data.datasets.map(d => d.label)");
        Assert.Equal(["营业额（元）", "下单数"], series);

        // The product: found by its SKU in the list, renamed in Chinese and repriced in the editor.
        var (productId, _) = await ProductInStockAsync(page);
        var sku = await SkuAsync(page, productId);
        await admin.GetByTestId("admin-nav").GetByRole(AriaRole.Link, new() { Name = "商品" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin/products$"));
        await admin.GetByPlaceholder("名称或 SKU").FillAsync(sku);
        await admin.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        var row = admin.Locator($"tr[data-product-id='{productId}']");
        await Expect(row).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "编辑" }).ClickAsync();

        await ArrivedAtAsync(admin, new Regex($"/admin/products/edit/{productId}$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("编辑商品");
        var name = "浏览器改名 " + Guid.NewGuid().ToString("N")[..6];
        await admin.GetByLabel("中文名称").FillAsync(name);
        await admin.GetByLabel("价格（元）").FillAsync("321.50");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存商品" }).ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin/products$"));
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"{sku} 已保存。");

        // Off sale and back, with the list's "tick all" and its bulk buttons (the list narrowed to this product).
        await admin.GetByPlaceholder("名称或 SKU").FillAsync(sku);
        await admin.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(admin.Locator("tr[data-product-id]")).ToHaveCountAsync(1);
        await admin.GetByTestId("select-all").CheckAsync();
        await Expect(row.GetByTestId("select-product")).ToBeCheckedAsync();
        await Expect(admin.GetByTestId("bulk-off-sale")).ToHaveTextAsync("下架");
        await admin.GetByTestId("bulk-off-sale").ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("已下架 1 个商品。");
        await Expect(row.Locator(".tag")).ToHaveTextAsync("已下架");
        await admin.GetByTestId("select-all").CheckAsync();
        await admin.GetByTestId("bulk-on-sale").ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("已上架 1 个商品。");
        await Expect(row.Locator(".tag")).ToHaveTextAsync("已上架");

        // A picture, uploaded on the product's pictures page.
        await admin.GotoAsync($"/admin/products/edit/{productId}");
        await admin.GetByTestId("product-photos").ClickAsync();
        await ArrivedAtAsync(admin, new Regex($"/admin/products/{productId}/photos$"));
        var existing = await admin.GetByTestId("photo").CountAsync();
        await admin.GetByTestId("photo-file").SetInputFilesAsync(new FilePayload
        {
            Name = "红色.png", MimeType = "image/png", Buffer = TestPicture.Png(300, 200, 215, 38, 61),
        });
        await admin.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync("图片已添加。");
        await Expect(admin.GetByTestId("photo")).ToHaveCountAsync(existing + 1);
        await Expect(admin.GetByTestId("photo").Last).ToContainTextAsync("300 × 200");

        // The shop's product page shows the new name, price and the picture, loaded.
        await admin.GetByTestId("view-product").ClickAsync();
        await ArrivedAtAsync(admin, new Regex($"/products/{productId}$"));
        await Expect(admin.GetByTestId("product-name")).ToHaveTextAsync(name);
        await Expect(admin.GetByTestId("product-price")).ToHaveTextAsync("¥321.50");
        var pictures = admin.GetByTestId("gallery").Locator("img");
        await Expect(pictures.First).ToHaveAttributeAsync("src", new Regex($"^/products/{productId}/photos/[0-9a-f]{{32}}/medium\\.webp$"));
        if (existing == 0)
            Assert.True(await pictures.First.EvaluateAsync<bool>("i => i.decode().then(() => i.naturalWidth > 0, () => false)"),
                "the picture does not load");

        // The paid order, shipped: the button, the status and the notice speak Chinese.
        await OpenInBackOfficeAsync(admin, order);
        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已付款");
        await Expect(admin.GetByTestId("payment-status")).ToHaveTextAsync("支付成功");
        await Expect(admin.GetByTestId("ship-order")).ToHaveTextAsync("发货");
        await admin.GetByRole(AriaRole.Button, new() { Name = "发货" }).ClickAsync();
        await Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("已发货");
        var tracking = (await admin.GetByTestId("tracking-number").InnerTextAsync()).Trim();
        await Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"已发货，运单号 {tracking}。");
        await Expect(admin.GetByTestId("shipment-status")).ToHaveTextAsync("已下单，待揽收");
        await Expect(admin.GetByTestId("history")).ToContainTextAsync("已付款 → 已发货");
        await Expect(admin.GetByTestId("ship-order")).ToHaveCountAsync(0);
        var file = Path.Combine(ArtifactsDirectory("pages"), "admin-order-zh.png");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Output.WriteLine($"order in the Chinese back office -> {file}");
    });

    private static async Task<string> SkuAsync(IPage page, int productId)
    {
        var response = await page.Context.APIRequest.GetAsync($"/api/v1/products/{productId}");
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("sku").GetString()!;
    }
}
