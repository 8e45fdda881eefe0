using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using static Bazaar.Tests.Accounts.Api;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app: enrol (key and QR code, a first code, 10 recovery codes
/// shown once), then a password alone no longer signs in; the app's code or a recovery code (once) does.
/// </summary>
public abstract class TwoFactorTests(ShopFactory shop)
{
    private sealed record View(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft);


    /// <summary>A new customer who enrolled through the API: their user name, key and recovery codes.</summary>
    private async Task<(string UserName, string Key, string[] RecoveryCodes)> EnrolledCustomerAsync()
    {
        var (client, userName, _) = await shop.NewCustomerAsync();
        var view = await (await client.GetAsync("/api/v1/accounts/me/two-factor")).ReadAsync<View>(HttpStatusCode.OK);
        Assert.False(view.Enabled);
        Assert.StartsWith("otpauth://totp/Bazaar:", view.AuthenticatorUri);
        var key = view.SharedKey!.Replace(" ", "");
        var confirmed = await client.PostAsJsonAsync("/api/v1/accounts/me/two-factor", new { code = Authenticator.Code(key) });
        var codes = (await confirmed.ReadAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (userName, key, codes);
    }

    private Task<HttpResponseMessage> TokenAsync(string userName, string? twoFactorCode = null, string? recoveryCode = null) =>
        shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token", new { login = userName, password = ShopFactory.CustomerPassword, twoFactorCode, recoveryCode });

    [Fact]
    public async Task After_enrolling_a_password_alone_is_not_enough_and_the_apps_code_signs_in()
    {
        var (userName, key, codes) = await EnrolledCustomerAsync();

        Assert.Equal(AuthenticatorApp.RecoveryCodeCount, codes.Length);
        Assert.Equal(codes.Length, codes.Distinct().Count());
        var missing = await (await TokenAsync(userName)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("twoFactorCode", missing.GetProperty("detail").GetString());
        Assert.True(missing.GetProperty("twoFactorRequired").GetBoolean());
        Assert.Contains("not correct", (await (await TokenAsync(userName, "000000")).ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(userName, Authenticator.Code(key))).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (userName, _, codes) = await EnrolledCustomerAsync();

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(userName, recoveryCode: codes[3].ToLowerInvariant())).StatusCode);
        var again = await (await TokenAsync(userName, recoveryCode: codes[3])).ProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("used already", again.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(userName, recoveryCode: codes[4])).StatusCode);
    }

    [Fact]
    public async Task Neither_the_recovery_codes_nor_the_key_are_in_the_tokens_table_in_clear()
    {
        var (userName, key, codes) = await EnrolledCustomerAsync();

        var stored = await shop.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
            return await db.UserTokens.Where(t => t.UserId == id).Select(t => t.Value ?? "").ToListAsync();
        });

        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain(stored, v => v.Contains(key, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(stored, v => codes.Any(c => v.Contains(c, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task A_customer_enrols_on_the_page_and_then_signs_in_with_the_second_step()
    {
        var browser = await PageBrowser.SignedInAsync(shop, "en");
        var enrol = await browser.PageAsync("/account/two-factor");
        Assert.Contains("<svg", enrol);
        var key = PageBrowser.Testid(enrol, "shared-key").Replace(" ", "");

        var shown = await PageBrowser.HtmlAsync(await browser.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Confirm",
            new() { ["Input.Code"] = Authenticator.Code(key) }));

        Assert.Equal(AuthenticatorApp.RecoveryCodeCount, System.Text.RegularExpressions.Regex.Matches(shown, "<li><code>").Count);
        Assert.Contains("Recovery codes left: 10", await browser.PageAsync("/account/two-factor"));
        Assert.DoesNotContain("shared-key", await browser.PageAsync("/account/two-factor"));
        var userName = PageBrowser.Testid(await browser.PageAsync("/account"), "profile-username");

        var again = PageBrowser.Open(shop, "en");
        var first = await again.Client.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);
        Assert.StartsWith("/account/login/two-factor", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Client.GetAsync("/account")).StatusCode); // not signed in yet
        await Authenticator.SecondStepOnPageAsync(again.Client, first.Headers.Location!.OriginalString, key);
        Assert.Equal(userName, PageBrowser.Testid(await again.PageAsync("/account"), "profile-username"));
    }

    [Fact]
    public async Task A_wrong_code_on_the_second_step_is_said_beside_the_field()
    {
        var (userName, _, _) = await EnrolledCustomerAsync();
        var browser = PageBrowser.Open(shop, "zh-CN");
        var first = await browser.Client.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);

        var step = first.Headers.Location!.OriginalString;
        var wrong = await PageBrowser.HtmlAsync(await browser.PostFormAsync(step, step.Split('?')[0], new() { ["Input.TwoFactorCode"] = "000000" }));

        Assert.Equal("身份验证器验证码不正确。", PageBrowser.FieldMessage(wrong, "Input.TwoFactorCode"));
    }

    [Fact]
    public async Task Turning_it_off_needs_a_current_code_and_then_the_password_is_enough_again()
    {
        var (userName, key, _) = await EnrolledCustomerAsync();
        var client = shop.Anonymous();
        await ShopFactory.AuthoriseAsync(client, userName, ShopFactory.CustomerPassword, Authenticator.Code(key));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/accounts/me/two-factor/disable", new { code = "000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/accounts/me/two-factor/disable", new { code = Authenticator.Code(key) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(userName)).StatusCode);
    }

    [Fact]
    public async Task A_texted_code_for_an_account_with_an_app_still_needs_the_apps_code()
    {
        var (userName, key, _) = await EnrolledCustomerAsync();
        var phone = await shop.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PhoneNumber!).SingleAsync());
        var client = shop.Anonymous();
        await client.PostAsJsonAsync("/api/v1/auth/code", new { phoneNumber = phone });
        var mobile = phone["+86".Length..];

        var codeOnly = await client.PostAsJsonAsync("/api/v1/auth/code/token", new { phoneNumber = phone, code = shop.LatestCode(mobile) });
        Assert.True((await codeOnly.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("twoFactorRequired").GetBoolean());

        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostAsJsonAsync("/api/v1/auth/code", new { phoneNumber = phone });
        var both = await client.PostAsJsonAsync("/api/v1/auth/code/token",
            new { phoneNumber = phone, code = shop.LatestCode(mobile), twoFactorCode = Authenticator.Code(key) });
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
    }
}

public sealed class TwoFactorTests_Sqlite(SqliteShop shop) : TwoFactorTests(shop), IClassFixture<SqliteShop>;
public sealed class TwoFactorTests_Postgres(PostgresShop shop) : TwoFactorTests(shop), IClassFixture<PostgresShop>;
