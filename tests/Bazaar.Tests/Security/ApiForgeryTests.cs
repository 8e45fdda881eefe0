using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Web;
using Bazaar.Tests.Accounts;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// Another site cannot make a signed-in shopper's browser change things through the API: a call signed in
/// by the cookie that changes something needs the anti-forgery token in X-CSRF-TOKEN, which only the
/// shop's own pages can read. Apps with a bearer token, and strangers, are not asked for it.
/// </summary>
public sealed class ApiForgeryTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private static readonly object Address = new
    {
        recipient = "陈静", phone = "13600136000", province = "广东省", city = "深圳市", district = "南山区", street = "科技园路 2 号", postcode = "518057",
    };

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var browser = shop.Guest();
        await browser.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);
        return browser;
    }

    [Fact]
    public async Task A_cookie_call_without_the_header_is_refused_with_a_problem_naming_it_and_changes_nothing()
    {
        var browser = await SignedInBrowserAsync();

        var added = await browser.PostAsJsonAsync("/api/v1/accounts/me/addresses", Address);
        var product = await shop.NewCartProductAsync();
        var carted = await browser.AddAsync(product.Id, 1);

        var problem = await added.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(ApiForgery.Header, problem.GetProperty("title").GetString());
        Assert.Contains("missing", problem.GetProperty("title").GetString());
        await carted.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty((await browser.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/addresses")).EnumerateArray());
        Assert.Empty((await browser.CartAsync()).Lines);
    }

    [Fact]
    public async Task With_the_token_from_the_form_token_door_the_same_calls_go_through()
    {
        var browser = await (await SignedInBrowserAsync()).SendingFormTokenAsync();
        var product = await shop.NewCartProductAsync();

        Assert.Equal(HttpStatusCode.Created, (await browser.PostAsJsonAsync("/api/v1/accounts/me/addresses", Address)).StatusCode);
        Assert.Equal(1, (await browser.AddOkAsync(product.Id, 1)).QuantityOf(product.Id));
        Assert.Empty((await CartApi.OkCartAsync(await browser.RemoveAsync(product.Id))).Lines);
    }

    [Fact]
    public async Task A_made_up_token_or_another_shoppers_is_refused()
    {
        var victim = await SignedInBrowserAsync();
        var attacker = await (await SignedInBrowserAsync()).SendingFormTokenAsync();
        victim.DefaultRequestHeaders.Add(ApiForgery.Header, "made-up");
        var madeUp = await victim.PostAsJsonAsync("/api/v1/accounts/me/addresses", Address);
        victim.DefaultRequestHeaders.Remove(ApiForgery.Header);
        victim.DefaultRequestHeaders.Add(ApiForgery.Header, attacker.DefaultRequestHeaders.GetValues(ApiForgery.Header).Single());
        var someoneElses = await victim.PostAsJsonAsync("/api/v1/accounts/me/addresses", Address);

        Assert.Contains("not valid", (await madeUp.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        await someoneElses.ProblemAsync(HttpStatusCode.BadRequest);
        victim.DefaultRequestHeaders.Remove(ApiForgery.Header);
        Assert.Empty((await victim.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/addresses")).EnumerateArray());
    }

    [Fact]
    public async Task Bearer_apps_guests_and_reads_need_no_header()
    {
        var (app, _, _) = await shop.NewCustomerAsync();
        var guest = shop.Guest();
        var browser = await SignedInBrowserAsync();
        var product = await shop.NewCartProductAsync();

        Assert.Equal(HttpStatusCode.Created, (await app.PostAsJsonAsync("/api/v1/accounts/me/addresses", Address)).StatusCode);
        Assert.Equal(1, (await guest.AddOkAsync(product.Id, 1)).QuantityOf(product.Id));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/cart")).StatusCode);
    }
}
