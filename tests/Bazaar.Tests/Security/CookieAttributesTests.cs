using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bazaar.Tests.Security;

/// <summary>
/// Every cookie a shopper's browser is given on a typical visit (language, guest cart, anti-forgery,
/// one-time message, sign-in, sign-out) is out of scripts' reach (HttpOnly), stays home on other sites'
/// requests (SameSite), and over HTTPS travels over HTTPS only (Secure); over plain HTTP (the embedded shop
/// on 127.0.0.1) it still works.
/// </summary>
public sealed class CookieAttributesTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static readonly string[] Expected = ["bazaar.auth", ".AspNetCore.Antiforgery", ".AspNetCore.Culture", "bazaar.cart", ".AspNetCore.Mvc.CookieTempDataProvider"];

    private async Task<List<string>> JourneyAsync(string baseAddress)
    {
        var product = await shop.NewCartProductAsync(stock: 2);
        var (_, userName, _) = await shop.NewCustomerAsync();
        var browser = shop.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true,
        });
        var setCookies = new List<string>();
        async Task<HttpResponseMessage> Keep(Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                setCookies.AddRange(values);
            return response;
        }
        async Task<string> TokenOf(string page) => WebUtility.HtmlDecode(Regex.Match(
            await (await Keep(browser.GetAsync(page))).Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);

        await Keep(browser.GetAsync("/"));
        await Keep(browser.GetAsync("/language?lang=en&returnUrl=/"));
        var token = await TokenOf($"/cart/add?productId={product.Id}&quantity=1");
        await Keep(browser.PostAsync("/cart?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["productId"] = product.Id.ToString(), ["quantity"] = "50", ["__RequestVerificationToken"] = token, // more than there is: a one-time message
        })));
        await Keep(browser.GetAsync($"/products/{product.Id}"));
        await Keep(browser.GetAsync("/form-token"));
        token = await TokenOf("/account/login");
        await Keep(browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = userName, ["Input.Password"] = ShopFactory.CustomerPassword, ["__RequestVerificationToken"] = token,
        })));
        token = await TokenOf("/account");
        await Keep(browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        return setCookies;
    }

    private static string Name(string setCookie) => setCookie[..setCookie.IndexOf('=')];

    private static void AssertAll(List<string> setCookies, Func<string, bool> rule, string what)
    {
        var breaking = setCookies.Where(c => !rule(c.ToLowerInvariant())).ToList();
        Assert.True(breaking.Count == 0, $"Cookies without {what}:\n  " + string.Join("\n  ", breaking));
    }

    [Fact]
    public async Task Over_https_every_cookie_is_http_only_same_site_and_secure()
    {
        var setCookies = await JourneyAsync("https://localhost");

        Assert.All(Expected, name => Assert.Contains(setCookies, c => Name(c).StartsWith(name, StringComparison.Ordinal)));
        AssertAll(setCookies, c => c.Contains("; httponly"), "HttpOnly");
        AssertAll(setCookies, c => Regex.IsMatch(c, "; samesite=(lax|strict)"), "SameSite=Lax or Strict");
        AssertAll(setCookies, c => c.Contains("; secure"), "Secure");
    }

    [Fact]
    public async Task Over_plain_http_they_are_http_only_and_same_site_and_still_sent()
    {
        var setCookies = await JourneyAsync("http://localhost");

        Assert.All(Expected, name => Assert.Contains(setCookies, c => Name(c).StartsWith(name, StringComparison.Ordinal)));
        AssertAll(setCookies, c => c.Contains("; httponly"), "HttpOnly");
        AssertAll(setCookies, c => Regex.IsMatch(c, "; samesite=(lax|strict)"), "SameSite=Lax or Strict");
        AssertAll(setCookies, c => !c.Contains("; secure"), "Secure left off (a browser would not send them back over HTTP)");
    }
}
