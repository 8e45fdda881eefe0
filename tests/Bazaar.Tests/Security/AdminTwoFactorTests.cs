using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bazaar.Accounts;
using Bazaar.Tests.Accounts;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Security;

/// <summary>
/// Operators must prove an authenticator app: an admin who signed in with a password alone meets every
/// back-office door closed (the API says how to enrol, a page sends them to enrol and back), and gets
/// in once enrolled. Customers are not asked for anything new. Runs with Accounts:RequireAdminTwoFactor
/// at its default, on.
/// </summary>
public sealed class AdminTwoFactorTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private const string Password = "Ops-Pass-2026";

    private async Task<string> NewAdminAsync()
    {
        var name = "ops" + Guid.NewGuid().ToString("N")[..8];
        var created = await shop.WithScopeAsync(s => s.GetRequiredService<CreateAdmin>().HandleAsync(name, Password));
        Assert.True(created.Succeeded);
        return name;
    }

    [Fact]
    public async Task An_admin_without_the_app_finds_every_admin_door_closed_with_a_pointer_to_enrol()
    {
        var admin = shop.Anonymous();
        await ShopFactory.AuthoriseAsync(admin, await NewAdminAsync(), Password);
        var open = new List<string>();

        foreach (var door in Doors.All(shop.Services).Where(d => DoorTable.Rows.GetValueOrDefault(d.Key) == Caller.Admin))
        {
            var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(door.Method), door.SamplePath)
            {
                Content = door.Method is "GET" or "DELETE" ? null : door.IsPage ? new FormUrlEncodedContent([]) : new StringContent("{}", Encoding.UTF8, "application/json"),
            });
            var closed = door.IsApi
                ? response.StatusCode == HttpStatusCode.Forbidden && (await response.Content.ReadAsStringAsync()).Contains("/account/two-factor")
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/account/two-factor?returnUrl=");
            if (!closed)
                open.Add($"{door} → {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.True(open.Count == 0, "Open to an admin without two-factor sign-in:\n  " + string.Join("\n  ", open));
        var problem = await (await admin.GetAsync("/api/v1/admin/orders")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("authenticator app", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_admin_without_the_app_is_sent_to_enrol_and_then_reaches_the_back_office()
    {
        var name = await NewAdminAsync();
        var browser = PageBrowser.Open(shop, "en");
        await browser.Client.SignInOnPageAsync(name, Password);

        var sent = await browser.Client.GetAsync("/admin/orders");
        Assert.Equal("/account/two-factor?returnUrl=%2Fadmin%2Forders", sent.Headers.Location?.OriginalString);
        var enrol = await browser.PageAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("Operators sign in with an authenticator app", enrol);
        var key = PageBrowser.Testid(enrol, "shared-key").Replace(" ", "");
        await PageBrowser.HtmlAsync(await browser.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Confirm&returnUrl=%2Fadmin%2Forders",
            new() { ["Input.Code"] = Authenticator.Code(key) }));

        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/admin/orders")).StatusCode);
        // From now on a token needs the app's code too, and with it the admin API opens.
        var token = shop.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.PostAsJsonAsync("/api/v1/accounts/token", new { login = name, password = Password })).StatusCode);
        await ShopFactory.AuthoriseAsync(token, name, Password, Authenticator.Code(key));
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/admin/orders")).StatusCode);
    }

    [Fact]
    public async Task An_admin_who_enrols_through_the_API_gets_a_token_that_opens_the_admin_API()
    {
        var name = await NewAdminAsync();
        var client = shop.Anonymous();
        await ShopFactory.AuthoriseAsync(client, name, Password);
        var view = await (await client.GetAsync("/api/v1/accounts/me/two-factor")).ReadAsync<System.Text.Json.JsonElement>(HttpStatusCode.OK);
        var key = view.GetProperty("sharedKey").GetString()!.Replace(" ", "");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/accounts/me/two-factor", new { code = Authenticator.Code(key) })).StatusCode);
        // The token from before enrolling proved no second factor: still refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/orders")).StatusCode);

        var fresh = shop.Anonymous();
        await ShopFactory.AuthoriseAsync(fresh, name, Password, Authenticator.Code(key));
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/admin/orders")).StatusCode);
    }

    [Fact]
    public async Task A_customer_without_the_app_signs_in_with_the_password_alone_as_before()
    {
        var (client, userName, _) = await shop.NewCustomerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/accounts/me")).StatusCode);

        var browser = PageBrowser.Open(shop, "en");
        var signedIn = await browser.Client.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(userName, PageBrowser.Testid(await browser.PageAsync("/account"), "profile-username"));
    }
}
