using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>A shopper registers, signs out and signs in again; what they see when they get it wrong.</summary>
public sealed class AccountTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Shopper_registers_sees_the_profile_signs_out_and_signs_in_with_the_phone_number() => RunAsync(async page =>
    {
        var (userName, phone) = (NewUserName(), NewPhone());

        await page.GotoAsync("/account/register");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.PhoneNumber']").FillAsync(phone);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/account$"));
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("欢迎来到 Bazaar 集市");
        await Expect(page.GetByTestId("profile-username")).ToHaveTextAsync(userName);
        await Expect(page.GetByTestId("profile-phone")).ToHaveTextAsync("+86" + phone); // stored as E.164
        await Expect(page.GetByTestId("account-link")).ToHaveTextAsync(userName);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"^http://[^/]+/$"));
        await Expect(page.GetByTestId("account-link")).ToHaveCountAsync(0);
        await Expect(page.Locator(".site-header").GetByRole(AriaRole.Link, new() { Name = "登录" })).ToBeVisibleAsync();

        // Signed out means signed out: the profile asks to sign in again, and returns there after.
        await page.GotoAsync("/account");
        await ArrivedAtAsync(page, new Regex(@"/account/login\?ReturnUrl=%2Faccount$"));
        await page.Locator("input[name='Input.Login']").FillAsync(phone);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();

        await ArrivedAtAsync(page, new Regex(@"/account$"));
        await Expect(page.GetByTestId("profile-username")).ToHaveTextAsync(userName);
        await Expect(page.GetByTestId("profile-phone")).ToContainTextAsync("+86");
    });

    [Fact]
    public Task Registration_with_a_bad_phone_number_and_a_short_password_shows_field_messages_and_creates_nothing() => RunAsync(async page =>
    {
        var userName = NewUserName();

        await page.GotoAsync("/account/register");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.PhoneNumber']").FillAsync("12345");
        await page.Locator("input[name='Input.Password']").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "注册", Exact = true }).ClickAsync();

        await Expect(FieldMessage(page, "Input.PhoneNumber")).ToHaveTextAsync("手机号格式不正确。");
        await Expect(FieldMessage(page, "Input.Password")).ToHaveTextAsync("密码至少 8 位。");
        Assert.Equal("/account/register", PathOf(page.Url));
        await Expect(FieldMessage(page, "Input.UserName")).ToBeEmptyAsync();
        // What the shopper typed is still there, the password is not.
        await Expect(page.Locator("input[name='Input.UserName']")).ToHaveValueAsync(userName);
        await Expect(page.Locator("input[name='Input.Password']")).ToHaveValueAsync("");
        await Expect(page.GetByTestId("account-link")).ToHaveCountAsync(0);

        // Nothing was created: the user name is still free.
        var response = await page.Context.APIRequest.PostAsync("/api/v1/accounts/register",
            new APIRequestContextOptions { DataObject = new { userName, phoneNumber = NewPhone(), password = Password } });
        Assert.True(response.Status == 201, $"the user name should still be free: {response.Status} {await response.TextAsync()}");
    });

    [Fact]
    public Task Wrong_password_on_sign_in_shows_an_error_message() => RunAsync(async page =>
    {
        var (userName, _) = await RegisterCustomerAsync(page);

        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.Login']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名、手机号或密码不正确。");
        Assert.Equal("/account/login", PathOf(page.Url));
        await Expect(page.GetByTestId("account-link")).ToHaveCountAsync(0);
        await Expect(page.Locator("input[name='Input.Login']")).ToHaveValueAsync(userName);
    });

    private static ILocator FieldMessage(IPage page, string field) => page.Locator($"[data-valmsg-for='{field}']");

    private static string PathOf(string url) => new Uri(url).AbsolutePath;
}
