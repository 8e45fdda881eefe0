using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// A guesser at one address meets the limits: sign-in and registration attempts beyond the allowance
/// are refused with 429 and Retry-After (ProblemDetails on the API, the status page on the
/// storefront); the pages themselves stay open, and other doors are not limited.
/// </summary>
public sealed class RateLimitTests(StrictShop shop) : IClassFixture<StrictShop>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_allowance_get_429_with_Retry_After()
    {
        var client = shop.Anonymous();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < StrictShop.SignIns + 2; i++)
            answers.Add(await client.PostAsJsonAsync("/api/v1/accounts/token", new { login = "nobody" + i, password = "wrong-password" }));

        Assert.All(answers.Take(StrictShop.SignIns), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains("try again", problem.GetProperty("detail").GetString());

        // The sign-in page still shows (only attempts count), and the page's own post is refused with the status page.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        var page = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Login"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many requests", await page.Content.ReadAsStringAsync());
        Assert.True(page.Headers.Contains("Retry-After"));
        // Browsing is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/products")).StatusCode);
    }

    [Fact]
    public async Task Registrations_beyond_the_allowance_get_429()
    {
        var client = shop.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < StrictShop.Registrations + 1; i++)
        {
            var answer = await client.PostAsJsonAsync("/api/v1/accounts/register",
                new { userName = "r" + Guid.NewGuid().ToString("N")[..10], phoneNumber = ShopFactory.UniquePhone(), password = ShopFactory.CustomerPassword });
            statuses.Add(answer.StatusCode);
        }

        Assert.All(statuses.Take(StrictShop.Registrations), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Code_requests_from_one_address_beyond_the_allowance_get_429_whatever_the_numbers()
    {
        var client = shop.Anonymous();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < StrictShop.SignInCodes + 1; i++)
            answers.Add(await client.PostAsJsonAsync("/api/v1/auth/code", new { phoneNumber = ShopFactory.UniquePhone() }));

        Assert.All(answers.Take(StrictShop.SignInCodes), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var refused = answers[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        // The code page's own post is under the same limit; showing the page is not.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login/code")).StatusCode);
        var page = await client.PostAsync("/account/login/code", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.PhoneNumber"] = "x" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}

/// <summary>A shop on SQLite with the low limits a public shop would have.</summary>
public sealed class StrictShop : ShopFactory
{
    public const int SignIns = 5, Registrations = 3, SignInCodes = 3;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", Guid.NewGuid().ToString("N"));
    public override string ProviderName => "Sqlite";

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _dir,
        ["Redis:Configuration"] = "",
        ["RateLimits:SignInsPerMinute"] = $"{SignIns}",
        ["RateLimits:RegistrationsPerHour"] = $"{Registrations}",
        ["RateLimits:SignInCodesPerHour"] = $"{SignInCodes}",
    };

    protected override Task DropAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }
}
