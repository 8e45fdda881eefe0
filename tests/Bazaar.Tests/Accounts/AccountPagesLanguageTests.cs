using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Platform.PageBrowser;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// The account pages in the shopper's language, down to the messages beside the fields, which the
/// handlers give in English (the API's language) and the pages translate.
/// </summary>
public sealed class AccountPagesLanguageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static Dictionary<string, string> Registration(string userName, string phone, string password) => new()
    {
        ["Input.UserName"] = userName, ["Input.PhoneNumber"] = phone, ["Input.Password"] = password,
    };

    [Fact]
    public async Task The_register_form_explains_every_mistake_in_Chinese()
    {
        var browser = Open(shop, "zh-CN");

        var refused = await browser.PostFormAsync("/account/register", "/account/register", Registration("", "12345", "short"));

        var html = await HtmlAsync(refused);
        Assert.Contains("<h1>注册新账号</h1>", html);
        Assert.Equal("请填写用户名。", FieldMessage(html, "Input.UserName"));
        Assert.Equal("手机号格式不正确。", FieldMessage(html, "Input.PhoneNumber"));
        Assert.Equal("密码至少 8 位。", FieldMessage(html, "Input.Password"));
    }

    [Fact]
    public async Task The_register_form_explains_the_same_mistakes_in_English()
    {
        var browser = Open(shop, "en");

        var refused = await browser.PostFormAsync("/account/register", "/account/register", Registration("", "12345", "short"));

        var html = await HtmlAsync(refused);
        Assert.Contains("<h1>Create your account</h1>", html);
        Assert.Equal("User name is required.", FieldMessage(html, "Input.UserName"));
        Assert.Equal("Phone number is not a valid number.", FieldMessage(html, "Input.PhoneNumber"));
        Assert.Equal("Password must be at least 8 characters.", FieldMessage(html, "Input.Password"));
    }

    [Fact]
    public async Task A_taken_user_name_and_a_weak_password_are_refused_in_Chinese()
    {
        var (_, taken, _) = await shop.NewCustomerAsync();
        var browser = Open(shop, "zh-CN");

        var nameTaken = await browser.PostFormAsync("/account/register", "/account/register",
            Registration(taken, ShopFactory.UniquePhone(), "password-456"));
        var weak = await browser.PostFormAsync("/account/register", "/account/register",
            Registration(Api.NewUserName(), ShopFactory.UniquePhone(), "aaaaaaaa"));

        Assert.Equal("该用户名已被注册。", FieldMessage(await HtmlAsync(nameTaken), "Input.UserName"));
        // Identity's own rule (four different characters), in its own English words: translated as well.
        Assert.Equal("密码至少要包含 4 个不同的字符。", FieldMessage(await HtmlAsync(weak), "Input.Password"));
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_is_refused_in_Chinese()
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var browser = Open(shop, "zh-CN");

        var refused = await browser.PostFormAsync("/account/login", "/account/login",
            new() { ["Input.Login"] = userName, ["Input.Password"] = "not-the-password" });
        var empty = await browser.PostFormAsync("/account/login", "/account/login", new() { ["Input.Login"] = "", ["Input.Password"] = "" });

        Assert.Equal(["用户名、手机号或密码不正确。"], SummaryMessages(await HtmlAsync(refused)));
        var emptyHtml = await HtmlAsync(empty);
        Assert.Equal("请填写用户名或手机号。", FieldMessage(emptyHtml, "Input.Login"));
        Assert.Equal("请填写密码。", FieldMessage(emptyHtml, "Input.Password"));
    }

    [Fact]
    public async Task A_locked_account_is_told_when_to_come_back_in_China_time()
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var browser = Open(shop, "zh-CN");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
            last = await browser.PostFormAsync("/account/login", "/account/login",
                new() { ["Input.Login"] = userName, ["Input.Password"] = "not-the-password" });

        var until = TimeZoneInfo.ConvertTimeFromUtc(shop.Clock.GetUtcNow().UtcDateTime.AddMinutes(15), ChinaZone);
        var message = Assert.Single(SummaryMessages(await HtmlAsync(last)));
        Assert.Equal($"登录失败次数过多，请在 {until.ToString("g", new System.Globalization.CultureInfo("zh-CN"))} 后再试。", message);
    }

    [Fact]
    public async Task The_address_form_names_the_missing_and_overlong_fields_in_Chinese()
    {
        var browser = await SignedInAsync(shop, "zh-CN");

        var refused = await browser.PostFormAsync("/account/addresses/edit", "/account/addresses/edit", new()
        {
            ["Input.Recipient"] = "", ["Input.Phone"] = "13700137000", ["Input.Province"] = "浙江省", ["Input.City"] = "杭州市",
            ["Input.District"] = "西湖区", ["Input.Street"] = new string('路', 201), ["Input.Postcode"] = "31000",
        });

        var html = await HtmlAsync(refused);
        Assert.Contains("<h1>新增收货地址</h1>", html);
        Assert.Equal("请填写收货人。", FieldMessage(html, "Input.Recipient"));
        Assert.Equal("详细地址最多 200 个字符。", FieldMessage(html, "Input.Street"));
        Assert.Equal("邮政编码须为 6 位数字。", FieldMessage(html, "Input.Postcode"));
        Assert.Equal("", FieldMessage(html, "Input.Phone"));
    }

    [Fact]
    public async Task The_profile_speaks_Chinese_with_the_join_date_in_China()
    {
        var browser = await SignedInAsync(shop, "zh-CN", withAddress: true);

        var html = await browser.PageAsync("/account");

        Assert.Contains("<h1>我的账户</h1>", html);
        Assert.Contains("<h2>收货地址</h2>", html);
        Assert.Contains("普通会员", html);
        Assert.Contains("<span class=\"tag\">默认</span>", html);
        var joined = TimeZoneInfo.ConvertTimeFromUtc(shop.Clock.GetUtcNow().UtcDateTime, ChinaZone);
        Assert.Equal(joined.ToString("d", new System.Globalization.CultureInfo("zh-CN")), Testid(html, "member-since"));
    }

    [Theory]
    [InlineData("zh-CN", "无权访问")]
    [InlineData("en", "Not allowed")]
    public async Task The_denied_page_speaks_the_shoppers_language(string language, string heading)
    {
        var html = await Open(shop, language).PageAsync("/account/denied", HttpStatusCode.Forbidden);

        Assert.Contains($"<h1>{heading}</h1>", html);
    }

    private static TimeZoneInfo ChinaZone => Bazaar.Platform.Web.ChinaTime.Zone;
}
