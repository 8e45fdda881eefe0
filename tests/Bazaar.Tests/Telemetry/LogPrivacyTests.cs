using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bazaar.Tests.Telemetry;

/// <summary>
/// A whole purchase logged at the most talkative level (Trace, every category: the shop, ASP.NET
/// Core, EF Core, HttpClient, the sandbox) leaves no personal data or secret in any log line: not
/// the customer's phone (international or national form), the address (street, recipient, its
/// phone), the password, the bearer token, a text message's wording, nor the session cookie.
/// </summary>
public sealed class LogPrivacyTests : IAsyncLifetime
{
    private readonly LoggedShop _shop = new();

    public Task InitializeAsync() => _shop.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_shop).DisposeAsync();

    [Fact]
    public async Task A_purchase_from_sign_up_to_payment_logs_no_personal_data()
    {
        var shopper = await _shop.NewShopperAsync();
        var productId = await _shop.NewProductAsync(stock: 5);
        var order = await _shop.PlaceOrderAsync(shopper, productId, 1);
        await _shop.PayAsync(order);
        Assert.Equal("Paid", await order.StatusAsync());
        var cookie = await SignInOnThePageAsync(shopper);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await shopper.Client.GetAsync($"/api/v1/orders/{order.Id}")).StatusCode);

        var texts = _shop.Services.GetRequiredService<Bazaar.Sandbox.SmsInbox>().Messages()
            .Where(m => m.To.EndsWith(shopper.Phone[3..], StringComparison.Ordinal)).Select(m => m.Text);
        var secrets = new Dictionary<string, string>
        {
            ["phone, E.164"] = shopper.Phone,
            ["phone, national"] = shopper.Phone[3..],
            ["address phone"] = "13700137000",
            ["street"] = "漕溪北路",
            ["recipient"] = "李娜",
            ["password"] = ShopFactory.CustomerPassword,
            ["admin password"] = ShopFactory.AdminPassword,
            ["bearer token"] = shopper.Client.DefaultRequestHeaders.Authorization!.Parameter!,
            ["session cookie"] = cookie,
        };
        foreach (var (i, text) in texts.Index())
            secrets[$"text message {i}"] = text;

        var lines = _shop.Logs.Lines.ToList();
        Assert.True(lines.Count > 100, $"the shop logged at Trace level ({lines.Count} lines)");
        var leaks = (from secret in secrets
                     from line in lines
                     where line.Contains(secret.Value, StringComparison.Ordinal)
                     select $"{secret.Key}: {line[..Math.Min(line.Length, 400)]}").Distinct().Take(20).ToList();
        Assert.True(leaks.Count == 0, "Logged:\n  " + string.Join("\n  ", leaks));
    }

    /// <summary>The same customer signs in on the page, as a browser would: answers the cookie's value.</summary>
    private async Task<string> SignInOnThePageAsync(Shopper shopper)
    {
        var browser = _shop.Anonymous();
        var page = await browser.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""").Groups[1].Value;
        var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Login"] = shopper.Login, ["Input.Password"] = ShopFactory.CustomerPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        var response = await browser.SendAsync(login);
        var set = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        var session = set.FirstOrDefault(c => c.StartsWith("bazaar.auth=", StringComparison.Ordinal));
        Assert.True(session is not null, $"signed in on the page ({(int)response.StatusCode}): {string.Join("; ", set)}");
        return session[(session.IndexOf('=') + 1)..session.IndexOf(';')];
    }
}
