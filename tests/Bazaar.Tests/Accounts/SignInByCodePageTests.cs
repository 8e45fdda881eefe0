using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Accounts.SignInCodes;

namespace Bazaar.Tests.Accounts;

/// <summary>The sign-in page's "sign in with a code": the number, "code sent", the code; messages beside the code field.</summary>
public sealed class SignInByCodePageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static Dictionary<string, string> Code(string phone, string code) =>
        new() { ["Input.PhoneNumber"] = "+86" + phone, ["Input.Code"] = code, ["returnUrl"] = "/account" };

    private static async Task<PageBrowser> AskAsync(ShopFactory shop, string phone, string language = "en")
    {
        var browser = PageBrowser.Open(shop, language);
        var sent = await PageBrowser.HtmlAsync(await browser.PostFormAsync("/account/login/code", "/account/login/code?returnUrl=%2Faccount",
            new() { ["Input.PhoneNumber"] = phone }));
        Assert.Contains(language == "en" ? "a sign-in code is on its way" : "验证码已发出", PageBrowser.Testid(sent, "code-sent"));
        return browser;
    }

    [Fact]
    public async Task The_sign_in_page_offers_a_code_and_the_code_signs_in()
    {
        var (_, userName, phone) = await shop.NewCustomerAsync();
        var browser = PageBrowser.Open(shop, "en");
        Assert.Contains("/account/login/code", await browser.PageAsync("/account/login"));

        browser = await AskAsync(shop, phone);
        var signedIn = await browser.PostFormAsync("/account/login/code", "/account/login/code/verify", Code(phone, shop.LatestCode(phone)));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/account", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(userName, PageBrowser.Testid(await browser.PageAsync("/account"), "profile-username"));
    }

    [Fact]
    public async Task Wrong_expired_and_too_many_are_said_beside_the_code_field()
    {
        var (_, _, phone) = await shop.NewCustomerAsync();
        var browser = await AskAsync(shop, phone);
        var code = shop.LatestCode(phone);

        async Task<string> TryAsync(string c) => PageBrowser.FieldMessage(await PageBrowser.HtmlAsync(
            await browser.PostFormAsync("/account/login/code", "/account/login/code/verify", Code(phone, c))), "Input.Code");

        Assert.Equal("The code is not correct.", await TryAsync(Wrong(code)));
        for (var i = 0; i < 3; i++)
            await TryAsync(Wrong(code));
        Assert.Equal("Too many wrong codes. Ask for a new one.", await TryAsync(Wrong(code)));

        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        browser = await AskAsync(shop, phone);
        shop.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("This code has expired. Ask for a new one.", await TryAsync(shop.LatestCode(phone)));
    }

    [Fact]
    public async Task A_Chinese_page_says_it_in_Chinese_and_a_second_request_within_a_minute_is_refused()
    {
        var (_, _, phone) = await shop.NewCustomerAsync();
        var browser = await AskAsync(shop, phone, "zh-CN");

        var again = await PageBrowser.HtmlAsync(await browser.PostFormAsync("/account/login/code", "/account/login/code",
            new() { ["Input.PhoneNumber"] = phone }));

        Assert.Contains("获取验证码过于频繁", PageBrowser.FieldMessage(again, "Input.PhoneNumber"));
        var wrong = await PageBrowser.HtmlAsync(await browser.PostFormAsync("/account/login/code", "/account/login/code/verify",
            Code(phone, Wrong(shop.LatestCode(phone)))));
        Assert.Equal("验证码不正确。", PageBrowser.FieldMessage(wrong, "Input.Code"));
    }
}
