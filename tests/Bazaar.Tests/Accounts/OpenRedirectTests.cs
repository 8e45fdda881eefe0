using System.Net;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// A link to the sign-in page with a crafted returnUrl cannot send a shopper, once signed in, to a
/// look-alike site: only paths on the shop are followed, anything else lands on the home page.
/// </summary>
public sealed class OpenRedirectTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Theory]
    [InlineData("/orders", "/orders")]
    [InlineData("https://evil.example/login", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task Signing_in_follows_only_a_local_return_address(string returnUrl, string expected)
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var browser = PageBrowser.Open(shop, "en");
        var page = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);

        var response = await browser.PostFormAsync(page, page, new()
        {
            ["Input.Login"] = userName, ["Input.Password"] = ShopFactory.CustomerPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}
