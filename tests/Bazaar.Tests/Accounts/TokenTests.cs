using System.Net;
using System.Net.Http.Headers;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Accounts.Api;

namespace Bazaar.Tests.Accounts;

public abstract class TokenTests(ShopFactory shop)
{
    private const string Password = "correct-horse";

    private async Task<(string UserName, string Phone)> RegisterAsync()
    {
        var userName = NewUserName();
        var phone = ShopFactory.UniquePhone();
        var response = await shop.Anonymous().RegisterAsync(userName, phone, Password);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (userName, phone);
    }

    private async Task<HttpResponseMessage> MeAsync(string accessToken)
    {
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.GetAsync("/api/v1/accounts/me");
    }

    [Fact]
    public async Task A_token_from_the_user_name_opens_the_account()
    {
        var (userName, phone) = await RegisterAsync();

        var token = await (await shop.Anonymous().TokenAsync(userName, Password)).ReadAsync<Token>(HttpStatusCode.OK);

        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(3600, token.ExpiresIn);
        var me = await (await MeAsync(token.AccessToken)).ReadAsync<Me>(HttpStatusCode.OK);
        Assert.Equal(userName, me.UserName);
        Assert.Equal("+86" + phone, me.PhoneNumber);
        Assert.Contains("Customer", me.Roles);
        Assert.DoesNotContain("Admin", me.Roles);
    }

    [Fact]
    public async Task A_token_can_be_had_with_the_phone_number_in_any_format()
    {
        var (userName, phone) = await RegisterAsync();

        foreach (var login in new[] { phone, Spaced(phone), "+86" + phone, "+86 " + Spaced(phone), $"{phone[..3]}-{phone[3..7]}-{phone[7..]}" })
        {
            var token = await (await shop.Anonymous().TokenAsync(login, Password)).ReadAsync<Token>(HttpStatusCode.OK);
            Assert.Equal(userName, (await (await MeAsync(token.AccessToken)).ReadAsync<Me>(HttpStatusCode.OK)).UserName);
        }
    }

    [Fact]
    public async Task The_user_name_is_not_case_sensitive_at_sign_in()
    {
        var (userName, _) = await RegisterAsync();
        var response = await shop.Anonymous().TokenAsync(userName.ToUpperInvariant(), Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem()
    {
        var (userName, _) = await RegisterAsync();

        var response = await shop.Anonymous().TokenAsync(userName, "wrong-password");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("not correct", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_401_as_a_wrong_password()
    {
        // The same answer for both, so the endpoint cannot be used to learn who has an account.
        var (userName, _) = await RegisterAsync();
        var wrongPassword = await (await shop.Anonymous().TokenAsync(userName, "wrong-password")).ProblemAsync(HttpStatusCode.Unauthorized);

        var unknownName = await (await shop.Anonymous().TokenAsync(NewUserName(), Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknownPhone = await (await shop.Anonymous().TokenAsync(ShopFactory.UniquePhone(), Password)).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownName.GetProperty("detail").GetString());
        Assert.Equal(wrongPassword.GetProperty("detail").GetString(), unknownPhone.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_request_without_login_or_password_names_the_missing_fields()
    {
        var response = await shop.Anonymous().TokenAsync(null, null);
        Assert.NotEmpty(await response.FieldErrorsAsync("login"));
        Assert.NotEmpty(await response.FieldErrorsAsync("password"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes()
    {
        var (userName, phone) = await RegisterAsync();
        var client = shop.Anonymous();

        for (var attempt = 1; attempt <= 4; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.TokenAsync(userName, "wrong-password")).StatusCode);
        // The failure that locks the account already says so, rather than a fifth plain "wrong password".
        Assert.Equal(HttpStatusCode.Locked, (await client.TokenAsync(userName, "wrong-password")).StatusCode);

        var locked = await client.TokenAsync(userName, Password);
        var problem = await locked.ProblemAsync(HttpStatusCode.Locked);
        Assert.Contains("Try again in 15 minute", problem.GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromMinutes(15), locked.Headers.RetryAfter?.Delta);

        // Signing in by phone is the same account, so it is locked too.
        Assert.Equal(HttpStatusCode.Locked, (await client.TokenAsync(phone, Password)).StatusCode);

        shop.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await client.TokenAsync(userName, Password);
        Assert.Contains("Try again in 1 minute", (await stillLocked.ProblemAsync(HttpStatusCode.Locked)).GetProperty("detail").GetString());
        Assert.Equal(TimeSpan.FromMinutes(1), stillLocked.Headers.RetryAfter?.Delta);

        shop.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var token = await (await client.TokenAsync(userName, Password)).ReadAsync<Token>(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(token.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task After_a_lockout_ends_the_count_of_failures_starts_again()
    {
        var (userName, _) = await RegisterAsync();
        var client = shop.Anonymous();
        for (var attempt = 1; attempt <= 5; attempt++)
            await client.TokenAsync(userName, "wrong-password");
        shop.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        // One slip after the lockout is one failure, not a new 15 minutes.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.TokenAsync(userName, "wrong-password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.TokenAsync(userName, Password)).StatusCode);
    }

    [Fact]
    public async Task Me_without_a_token_is_a_401_not_a_redirect_to_the_sign_in_page()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/accounts/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Me_with_a_forged_token_is_a_401()
    {
        var response = await MeAsync("not-a-token-this-shop-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var (userName, _) = await RegisterAsync();
        var token = await (await shop.Anonymous().TokenAsync(userName, Password)).ReadAsync<Token>(HttpStatusCode.OK);

        shop.Clock.Advance(TimeSpan.FromSeconds(token.ExpiresIn + 1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(token.AccessToken)).StatusCode);
    }
}

public sealed class TokenTests_Sqlite(SqliteShop shop) : TokenTests(shop), IClassFixture<SqliteShop>;
public sealed class TokenTests_Postgres(PostgresShop shop) : TokenTests(shop), IClassFixture<PostgresShop>;
