using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bazaar.Accounts;
using Bazaar.Platform.Audit;
using Bazaar.Tests.Notifications;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Accounts.Api;
using static Bazaar.Tests.Accounts.SignInCodes;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// Sign-in with a code texted to the account's phone, over the API: six digits, five minutes, five
/// tries, used once, at most one a minute and ten a day per number, and not a word about whether a
/// number has an account.
/// </summary>
public abstract class SignInByCodeTests(ShopFactory shop)
{
    private async Task<(string UserName, string Phone)> CustomerAsync()
    {
        var (_, userName, phone) = await shop.NewCustomerAsync();
        return (userName, phone);
    }

    private async Task<Me> MeAsync(HttpResponseMessage tokenAnswer)
    {
        var token = await tokenAnswer.ReadAsync<Token>(HttpStatusCode.OK);
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return await (await client.GetAsync("/api/v1/accounts/me")).ReadAsync<Me>(HttpStatusCode.OK);
    }

    private static async Task<string> CodeMessageAsync(HttpResponseMessage answer)
    {
        var problem = await answer.ProblemAsync(HttpStatusCode.Unauthorized);
        return problem.GetProperty("errors").GetProperty("code")[0].GetString()!;
    }

    [Fact]
    public async Task The_code_in_the_text_signs_the_customer_in_once()
    {
        var (userName, phone) = await CustomerAsync();
        var client = shop.Anonymous();

        var sent = await client.AskForCodeAsync(Spaced(phone));

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var code = shop.LatestCode(phone);
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(userName, (await MeAsync(await client.CodeTokenAsync(phone, code))).UserName);
        // Used once: the same code again is refused, and the customer is told to ask for a new one.
        Assert.Contains("Ask for a code", await CodeMessageAsync(await client.CodeTokenAsync(phone, code)));
        var audited = (await shop.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Target == "account " + userName).ToListAsync()))
            .Select(e => e.Action + "|" + e.Details).ToList();
        Assert.Contains("account.sign-in-code-sent|", audited);
        Assert.Contains("account.signed-in|by texted code", audited);
    }

    [Fact]
    public async Task Five_wrong_codes_kill_the_code_even_for_the_right_one_after()
    {
        var (_, phone) = await CustomerAsync();
        var client = shop.Anonymous();
        await client.AskForCodeAsync(phone);
        var code = shop.LatestCode(phone);

        var messages = new List<string>();
        for (var i = 0; i < SignInCode.MaxTries; i++)
            messages.Add(await CodeMessageAsync(await client.CodeTokenAsync(phone, Wrong(code))));

        Assert.All(messages.Take(4), m => Assert.Equal("The code is not correct.", m));
        Assert.Equal("Too many wrong codes. Ask for a new one.", messages[^1]);
        Assert.Equal("Too many wrong codes. Ask for a new one.", await CodeMessageAsync(await client.CodeTokenAsync(phone, code)));
    }

    [Fact]
    public async Task The_right_code_on_the_fifth_try_still_works()
    {
        var (userName, phone) = await CustomerAsync();
        var client = shop.Anonymous();
        await client.AskForCodeAsync(phone);
        var code = shop.LatestCode(phone);
        for (var i = 0; i < SignInCode.MaxTries - 1; i++)
            await client.CodeTokenAsync(phone, Wrong(code));

        Assert.Equal(userName, (await MeAsync(await client.CodeTokenAsync(phone, code))).UserName);
    }

    [Fact]
    public async Task A_code_expires_after_five_minutes()
    {
        var (_, phone) = await CustomerAsync();
        var client = shop.Anonymous();
        await client.AskForCodeAsync(phone);
        var code = shop.LatestCode(phone);

        shop.Clock.Advance(SignInCode.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Equal("This code has expired. Ask for a new one.", await CodeMessageAsync(await client.CodeTokenAsync(phone, code)));
    }

    [Fact]
    public async Task A_second_code_within_a_minute_is_refused_with_Retry_After()
    {
        var (_, phone) = await CustomerAsync();
        var client = shop.Anonymous();
        Assert.Equal(HttpStatusCode.Accepted, (await client.AskForCodeAsync(phone)).StatusCode);
        shop.Clock.Advance(TimeSpan.FromSeconds(20));

        var again = await client.AskForCodeAsync("+86" + phone);

        var problem = await again.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("a minute", problem.GetProperty("detail").GetString());
        Assert.Equal(40, int.Parse(again.Headers.GetValues("Retry-After").Single()));
        Assert.Single(shop.TextsTo("+86" + phone));
        shop.Clock.Advance(TimeSpan.FromSeconds(41));
        Assert.Equal(HttpStatusCode.Accepted, (await client.AskForCodeAsync(phone)).StatusCode);
        Assert.Equal(2, shop.TextsTo("+86" + phone).Count);
    }

    [Fact]
    public async Task Eight_requests_for_one_number_at_the_same_moment_send_one_text()
    {
        var (_, phone) = await CustomerAsync();

        // Separate clients, as from separate phones or instances: each request has its own scope and connection.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => shop.Anonymous().AskForCodeAsync(phone))));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.Single(shop.TextsTo("+86" + phone));
        var key = shop.Services.GetRequiredService<Bazaar.Platform.Protection.BlindIndex>().Of("+86" + phone);
        Assert.Equal(1, await shop.WithDbAsync(db => db.Set<SignInCode>().CountAsync(c => c.NumberKey == key)));
    }

    [Fact]
    public async Task The_eleventh_code_in_a_day_is_refused_until_the_first_is_a_day_old()
    {
        var (_, phone) = await CustomerAsync();
        var client = shop.Anonymous();
        for (var i = 0; i < SignInByCode.PerDay; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.AskForCodeAsync(phone)).StatusCode);
            shop.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var eleventh = await client.AskForCodeAsync(phone);

        var problem = await eleventh.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("10 codes a day", problem.GetProperty("detail").GetString());
        var wait = TimeSpan.FromSeconds(int.Parse(eleventh.Headers.GetValues("Retry-After").Single()));
        Assert.Equal(TimeSpan.FromDays(1) - TimeSpan.FromMinutes(20), wait);
        Assert.Equal(SignInByCode.PerDay, shop.TextsTo("+86" + phone).Count);
        shop.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await client.AskForCodeAsync(phone)).StatusCode);
    }

    [Fact]
    public async Task A_number_without_an_account_gets_the_same_answer_and_no_text()
    {
        var (_, phone) = await CustomerAsync();
        var stranger = ShopFactory.UniquePhone();
        var client = shop.Anonymous();

        var known = await client.AskForCodeAsync(phone);
        var unknown = await client.AskForCodeAsync(stranger);

        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Empty(shop.TextsTo("+86" + stranger));
        // The limits and the answers to a guessed code are the same too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.AskForCodeAsync(stranger)).StatusCode);
        Assert.Equal("The code is not correct.", await CodeMessageAsync(await client.CodeTokenAsync(stranger, "123456")));
    }

    [Fact]
    public async Task The_code_and_the_number_are_stored_only_as_hashes()
    {
        var (_, phone) = await CustomerAsync();
        await shop.Anonymous().AskForCodeAsync(phone);
        var code = shop.LatestCode(phone);

        var rows = await shop.WithDbAsync(async db =>
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = "SELECT * FROM \"SignInCodes\"";
            var values = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    values.Add(reader.GetValue(i) switch { byte[] b => Encoding.Latin1.GetString(b) + "|" + Convert.ToHexString(b), var v => v?.ToString() ?? "" });
            return values;
        });

        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, v => v.Contains(code, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, v => v.Contains(phone[3..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_by_code()
    {
        var (userName, phone) = await CustomerAsync();
        await shop.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<ShopUser>>();
            var user = await users.FindByNameAsync(userName);
            return await users.SetLockoutEndDateAsync(user!, shop.Clock.GetUtcNow().AddMinutes(15));
        });
        var client = shop.Anonymous();
        await client.AskForCodeAsync(phone);

        var answer = await client.CodeTokenAsync(phone, shop.LatestCode(phone));

        var problem = await answer.ProblemAsync(HttpStatusCode.Locked);
        Assert.Contains("Try again", problem.GetProperty("detail").GetString());
        var audited = await shop.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Target == "account " + userName).Select(e => e.Action).ToListAsync());
        Assert.Contains("account.sign-in-refused-locked", audited);
    }

    [Fact]
    public async Task A_malformed_number_or_code_is_a_field_message()
    {
        var client = shop.Anonymous();
        Assert.NotEmpty(await (await client.AskForCodeAsync("12")).FieldErrorsAsync("phoneNumber"));
        Assert.NotEmpty(await (await client.AskForCodeAsync(null)).FieldErrorsAsync("phoneNumber"));
        Assert.Contains("The code is 6 digits.", await (await client.CodeTokenAsync(ShopFactory.UniquePhone(), "12ab")).FieldErrorsAsync("code"));
    }
}

public sealed class SignInByCodeTests_Sqlite(SqliteShop shop) : SignInByCodeTests(shop), IClassFixture<SqliteShop>;
public sealed class SignInByCodeTests_Postgres(PostgresShop shop) : SignInByCodeTests(shop), IClassFixture<PostgresShop>;
