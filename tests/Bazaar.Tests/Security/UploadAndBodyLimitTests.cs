using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Bazaar.Catalog;
using Bazaar.Tests.Accounts;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// A "photo" is judged by its bytes: markup or script named photo.jpg and sent as image/jpeg is refused
/// with a message about the file, on the API and on the back-office page, and nothing is stored. A body
/// bigger than a door takes is a 413 with a problem that says so, before the shop reads it.
/// </summary>
public sealed class UploadAndBodyLimitTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    public static TheoryData<string> NotPictures => new()
    {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>",
        "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "\u00ff\u00d8<script>alert(1)</script>", // the first bytes of a JPEG, nearly
        "GIF89a/*<script>alert(1)</script>*/",
    };

    private static MultipartFormDataContent Jpeg(byte[] bytes)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, "file", "photo.jpg" } };
    }

    [Theory, MemberData(nameof(NotPictures))]
    public async Task Markup_named_jpg_is_refused_on_the_api_with_a_message_about_the_file(string content)
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();

        var response = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Jpeg(Encoding.Latin1.GetBytes(content)));

        Assert.NotEmpty(await response.FieldErrorsAsync("file"));
        Assert.Equal("[]", await admin.GetStringAsync($"/api/v1/admin/products/{product.Id}/photos"));
    }

    [Theory, MemberData(nameof(NotPictures))]
    public async Task Markup_named_jpg_is_refused_on_the_back_office_page_with_a_message(string content)
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var browser = PageBrowser.Open(shop, "en");
        await shop.SignInAdminOnPageAsync(browser.Client);
        var page = $"/admin/products/{product.Id}/photos";
        var form = Jpeg(Encoding.Latin1.GetBytes(content));
        var html = await browser.PageAsync(page);
        form.Add(new StringContent(System.Text.RegularExpressions.Regex.Match(html,
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value), "__RequestVerificationToken");

        var response = await browser.Client.PostAsync(page + "?handler=Upload", form);

        var answer = await PageBrowser.HtmlAsync(response);
        Assert.Contains("Only JPEG, PNG and WebP pictures are accepted.", PageBrowser.SummaryMessages(answer));
        Assert.Equal("[]", await (await shop.AdminAsync()).GetStringAsync($"/api/v1/admin/products/{product.Id}/photos"));
    }

    [Fact]
    public async Task A_photo_bigger_than_the_door_takes_is_a_413_problem()
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();

        var response = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Jpeg(new byte[PhotoSizes.MaxBytes + 512 * 1024]));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("too large", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_json_body_over_a_megabyte_is_a_413_problem_and_a_normal_one_goes_through()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var address = new Dictionary<string, string>
        {
            ["recipient"] = "陈静", ["phone"] = "13600136000", ["province"] = "广东省", ["city"] = "深圳市", ["district"] = "南山区",
            ["street"] = "科技园路 2 号", ["postcode"] = "518057",
        };

        var normal = await customer.PostAsJsonAsync("/api/v1/accounts/me/addresses", address);
        address["padding"] = new string('x', (int)Bazaar.Platform.Web.BodyLimits.ApiDefault);
        // With its length announced, as browsers and most clients send a body.
        var huge = await customer.PostAsync("/api/v1/accounts/me/addresses",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(address), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, normal.StatusCode);
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
