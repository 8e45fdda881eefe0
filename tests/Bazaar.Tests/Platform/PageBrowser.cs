using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bazaar.Tests.Platform;

/// <summary>
/// A shopper's browser on the HTML pages: one language (Accept-Language, as the browser sends it),
/// cookies kept, redirects not followed, forms posted with the antiforgery token of the page that holds them.
/// </summary>
public sealed class PageBrowser
{
    public HttpClient Client { get; }

    private PageBrowser(HttpClient client) => Client = client;

    public static PageBrowser Open(ShopFactory shop, string language)
    {
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return new PageBrowser(client);
    }

    /// <summary>A new customer (registered through the API) signed in on the sign-in page, with an address when asked.</summary>
    public static async Task<PageBrowser> SignedInAsync(ShopFactory shop, string language, bool withAddress = false)
    {
        var browser = Open(shop, language);
        var (api, userName, _) = await shop.NewCustomerAsync();
        if (withAddress)
        {
            var address = await api.PostAsJsonAsync("/api/v1/accounts/me/addresses", new
            {
                recipient = "陈静", phone = "13600136000", province = "广东省", city = "深圳市", district = "南山区",
                street = "科技园路 2 号", postcode = "518057",
            });
            Assert.Equal(HttpStatusCode.Created, address.StatusCode);
        }
        await browser.Client.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);
        return browser;
    }

    /// <summary>The page's HTML with entities decoded; fails unless it answered <paramref name="status"/>.</summary>
    public async Task<string> PageAsync(string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        return await HtmlAsync(response, status);
    }

    /// <summary>Posts a form as the browser does: the page holding it first, for its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery(await PageAsync(formPage));
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return WebUtility.HtmlDecode(body);
    }

    /// <summary>The message shown beside a form field (asp-validation-for), empty when there is none.</summary>
    public static string FieldMessage(string html, string field)
    {
        var match = Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)</span>");
        Assert.True(match.Success, $"no message place for {field} on the page");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>The text of the element with this data-testid (up to its first child tag).</summary>
    public static string Testid(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{Regex.Escape(id)}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {id} on the page");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>The messages of the form's summary (asp-validation-summary), in order.</summary>
    public static List<string> SummaryMessages(string html) =>
        Regex.Matches(Regex.Match(html, "validation-summary-errors[^>]*>\\s*<ul>(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value,
            "<li>([^<]*)</li>").Select(m => m.Groups[1].Value.Trim()).ToList();

    private static string Antiforgery(string html)
    {
        var match = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "the page's forms carry an antiforgery token");
        return match.Groups[1].Value;
    }
}
