using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// A null character (which PostgreSQL cannot store) or another control character typed into a form comes
/// back as a message beside the field, the form as it was, nothing saved: never a 500.
/// </summary>
public abstract class ControlCharacterFormTests(ShopFactory shop)
{
    // The null character itself is not among them: a form body holding one cannot be read at all (the
    // anti-forgery token with it), so it is a 400 page before any handler runs; see the test below.
    public static TheoryData<string> Controls => new() { "\u0001", "\u001b" };

    [Theory, MemberData(nameof(Controls))]
    public async Task Registration_shows_a_field_message(string control)
    {
        var browser = PageBrowser.Open(shop, "en");
        var userName = "u" + Guid.NewGuid().ToString("N")[..8];

        var response = await browser.PostFormAsync("/account/register", "/account/register", new()
        {
            ["Input.UserName"] = userName + control, ["Input.PhoneNumber"] = ShopFactory.UniquePhone(), ["Input.Password"] = "pass" + control + "word-1",
        });

        var html = await PageBrowser.HtmlAsync(response);
        Assert.NotEmpty(PageBrowser.FieldMessage(html, "Input.UserName"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token",
            new { login = userName, password = "password-1" })).StatusCode);
    }

    [Theory, MemberData(nameof(Controls))]
    public async Task The_address_form_shows_a_field_message_and_saves_nothing(string control)
    {
        var browser = await PageBrowser.SignedInAsync(shop, "en");

        var response = await browser.PostFormAsync("/account/addresses/edit", "/account/addresses/edit", new()
        {
            ["Input.Recipient"] = "张" + control + "伟", ["Input.Phone"] = "13800138000", ["Input.Province"] = "北京市", ["Input.City"] = "北京市",
            ["Input.District"] = "朝阳区", ["Input.Street"] = "建国路" + control + " 88 号", ["Input.Postcode"] = "100022",
        });

        var html = await PageBrowser.HtmlAsync(response);
        Assert.Contains("control characters", PageBrowser.FieldMessage(html, "Input.Recipient"));
        Assert.Contains("control characters", PageBrowser.FieldMessage(html, "Input.Street"));
        Assert.DoesNotContain("建国路", await browser.PageAsync("/account"));
    }

    [Theory, MemberData(nameof(Controls))]
    public async Task The_product_form_shows_a_field_message_and_saves_nothing(string control)
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var browser = PageBrowser.Open(shop, "en");
        await shop.SignInAdminOnPageAsync(browser.Client);
        var edit = $"/admin/products/edit/{product.Id}";
        var before = await CatalogApi.ProductAsync(shop.Anonymous(), product.Id, "en");

        var response = await browser.PostFormAsync(edit, edit, new()
        {
            ["Input.Sku"] = product.Sku, ["Input.NameZh"] = "新名字" + control, ["Input.NameEn"] = "New" + control + " name",
            ["Input.DescriptionZh"] = "描述" + control, ["Input.DescriptionEn"] = "", ["Input.Price"] = "12.50",
            ["Input.CategoryId"] = before.CategoryId.ToString(), ["Input.Stock"] = "3", ["Input.IsPublished"] = "true",
        });

        var html = await PageBrowser.HtmlAsync(response);
        Assert.Contains("control characters", PageBrowser.FieldMessage(html, "Input.NameZh"));
        Assert.Contains("control characters", PageBrowser.FieldMessage(html, "Input.NameEn"));
        Assert.Contains("control characters", PageBrowser.FieldMessage(html, "Input.DescriptionZh"));
        Assert.Equal(before.NameEn, (await CatalogApi.ProductAsync(shop.Anonymous(), product.Id, "en")).NameEn);
    }

    [Fact]
    public async Task Sign_in_with_a_null_character_is_a_failed_sign_in_not_an_error()
    {
        var browser = PageBrowser.Open(shop, "en");

        var response = await browser.PostFormAsync("/account/login", "/account/login", new()
        {
            ["Input.Login"] = "a\0b", ["Input.Password"] = "pass\0word",
        });

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_form_with_a_null_character_is_a_bad_request_page_and_saves_nothing()
    {
        var browser = PageBrowser.Open(shop, "en");
        var userName = "u" + Guid.NewGuid().ToString("N")[..8];

        var response = await browser.PostFormAsync("/account/register", "/account/register", new()
        {
            ["Input.UserName"] = userName + "\0", ["Input.PhoneNumber"] = ShopFactory.UniquePhone(), ["Input.Password"] = "password-123",
        });

        var html = await PageBrowser.HtmlAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Bad request", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token",
            new { login = userName, password = "password-123" })).StatusCode);
    }
}

public sealed class ControlCharacterFormTests_Sqlite(SqliteShop shop) : ControlCharacterFormTests(shop), IClassFixture<SqliteShop>;
public sealed class ControlCharacterFormTests_Postgres(PostgresShop shop) : ControlCharacterFormTests(shop), IClassFixture<PostgresShop>;
