using System.Net;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bazaar.Tests.Cluster;

/// <summary>
/// Behind a balancer a shopper's next request lands on any instance: the sign-in cookie one
/// instance issued must open the account on the others (Data Protection keys in the shared database).
/// </summary>
public sealed class SharedSignInTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task A_cookie_signed_in_on_one_instance_opens_the_account_on_the_other()
    {
        var (_, userName, _) = await cluster.First.NewCustomerAsync();
        var cookie = await SignInCookieAsync(cluster.First, userName);

        var account = await OnSecondAsync("/account", cookie);

        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Contains(userName, await account.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_cookie_is_turned_away_by_the_other_instance()
    {
        var (_, userName, _) = await cluster.First.NewCustomerAsync();
        var cookie = await SignInCookieAsync(cluster.First, userName);
        var value = cookie[(cookie.IndexOf('=') + 1)..];
        var forged = cookie[..(cookie.IndexOf('=') + 1)] + value[..20] + (value[20] == 'A' ? 'B' : 'A') + value[21..];

        var account = await OnSecondAsync("/account", forged);

        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Contains("/account/login", account.Headers.Location!.ToString());
    }

    /// <summary>"bazaar.auth=..." as the first instance set it on the sign-in page.</summary>
    private static async Task<string> SignInCookieAsync(ShopFactory shop, string userName)
    {
        var browser = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signedIn = await browser.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);
        var setCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bazaar.auth=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    private async Task<HttpResponseMessage> OnSecondAsync(string url, string cookie)
    {
        var client = cluster.Second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}
