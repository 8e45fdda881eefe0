using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>From a product to a placed order, as a shopper does it: cart, sign-in, address, checkout.</summary>
public sealed class CheckoutTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task A_guest_fills_the_cart_signs_in_adds_an_address_and_places_the_order() => RunAsync(async page =>
    {
        var (userName, _) = await RegisterCustomerAsync(page);
        var (productId, name) = await ProductInStockAsync(page);

        // As a guest: two units into the cart.
        await page.GotoAsync($"/products/{productId}");
        await page.GetByTestId("quantity").FillAsync("2");
        await page.GetByTestId("add-to-cart").ClickAsync();
        await ArrivedAtAsync(page, new Regex("/cart$"));
        await Expect(page.GetByTestId("cart-line")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("cart-line")).ToContainTextAsync(name);
        var subtotal = ParsePrice(await page.GetByTestId("cart-subtotal").InnerTextAsync());

        // Checking out asks to sign in; the guest's cart comes along.
        await page.GetByTestId("checkout").ClickAsync();
        await ArrivedAtAsync(page, new Regex("/account/login"));
        await page.Locator("input[name='Input.Login']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await ArrivedAtAsync(page, new Regex("/checkout$"));
        await Expect(page.GetByTestId("place-order")).ToBeDisabledAsync(); // no address yet

        // Adding an address returns to checkout with it chosen.
        await page.GetByRole(AriaRole.Link, new() { Name = "新增收货地址" }).ClickAsync();
        await ArrivedAtAsync(page, new Regex("/account/addresses/edit"));
        await page.Locator("input[name='Input.Recipient']").FillAsync("林小姐");
        await page.Locator("input[name='Input.Phone']").FillAsync(NewPhone());
        await page.Locator("input[name='Input.Province']").FillAsync("浙江省");
        await page.Locator("input[name='Input.City']").FillAsync("杭州市");
        await page.Locator("input[name='Input.District']").FillAsync("余杭区");
        await page.Locator("input[name='Input.Street']").FillAsync("文一西路 969 号");
        await page.Locator("input[name='Input.Postcode']").FillAsync("311121");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存地址" }).ClickAsync();
        await ArrivedAtAsync(page, new Regex("/checkout$"));
        await Expect(page.GetByTestId("address-option")).ToContainTextAsync("林小姐");

        var total = ParsePrice(await page.GetByTestId("checkout-total").InnerTextAsync());
        Assert.Equal(subtotal + (subtotal >= 99m ? 0m : 10m), total);
        await page.GetByTestId("place-order").ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/orders/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("待付款");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("订单已提交");
        await Expect(page.GetByTestId("order-line")).ToContainTextAsync(name);
        Assert.Equal(total, ParsePrice(await page.GetByTestId("order-total").InnerTextAsync()));
        var number = await page.GetByTestId("order-number").InnerTextAsync();

        // The order is in "My orders", and the cart is empty again.
        await page.GotoAsync("/orders");
        await Expect(page.GetByTestId("order-row").First).ToContainTextAsync(number);
        await page.GotoAsync("/cart");
        await Expect(page.GetByTestId("cart-empty")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Buy_now_skips_the_cart_and_a_cancelled_order_says_so() => RunAsync(async page =>
    {
        var (userName, phone) = await RegisterCustomerAsync(page);
        var (productId, name) = await ProductInStockAsync(page);
        await SignInAsync(page, userName, Password);
        var address = await PostWithCookieAsync(page, "/api/v1/accounts/me/addresses",
            new { recipient = "周先生", phone, province = "四川省", city = "成都市", district = "武侯区", street = "天府大道 1 号", postcode = "610041" });
        Assert.Equal(201, address.Status);

        await page.GotoAsync($"/products/{productId}");
        await page.GetByTestId("buy-now").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/checkout\?"));
        await Expect(page.Locator("table.list")).ToContainTextAsync(name);
        await page.GetByTestId("place-order").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/orders/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("order-line")).ToHaveCountAsync(1);

        await page.GetByTestId("cancel-order").ClickAsync();
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("已取消");
        await Expect(page.GetByTestId("notice")).ToHaveTextAsync("订单已取消。");
        await Expect(page.GetByTestId("cancel-order")).ToHaveCountAsync(0);
    });
}
