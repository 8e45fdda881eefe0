using System.Net;
using Bazaar.Platform.Data;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Accounts.Api;

namespace Bazaar.Tests.Accounts;

public abstract class RegisterCustomerTests(ShopFactory shop)
{
    private const string Password = "correct-horse";

    [Fact]
    public async Task Register_answers_201_with_the_phone_number_stored_in_E164()
    {
        var client = shop.Anonymous();
        var userName = NewUserName();
        var phone = ShopFactory.UniquePhone();

        var response = await client.RegisterAsync(userName, Spaced(phone), Password);

        var registered = await response.ReadAsync<Registered>(HttpStatusCode.Created);
        Assert.Equal(userName, registered.UserName);
        Assert.Equal("+86" + phone, registered.PhoneNumber);
        Assert.NotEqual(Guid.Empty, registered.Id);
        Assert.Equal("/api/v1/accounts/me", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Register_accepts_a_Chinese_user_name()
    {
        var userName = "张三丰" + Random.Shared.Next(100_000);
        var response = await shop.Anonymous().RegisterAsync(userName, ShopFactory.UniquePhone(), Password);
        Assert.Equal(userName, (await response.ReadAsync<Registered>(HttpStatusCode.Created)).UserName);
    }

    [Fact]
    public async Task Register_rejects_a_taken_user_name()
    {
        var client = shop.Anonymous();
        var userName = NewUserName();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(userName, ShopFactory.UniquePhone(), Password)).StatusCode);

        var again = await client.RegisterAsync(userName, ShopFactory.UniquePhone(), Password);

        Assert.Contains("already taken", (await again.FieldErrorsAsync("userName")).Single());
    }

    [Fact]
    public async Task Register_treats_user_names_that_differ_only_in_case_as_the_same_name()
    {
        // Sign-in finds a name case-insensitively, so "Bob" and "bob" must not be two people.
        var client = shop.Anonymous();
        var userName = NewUserName();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(userName, ShopFactory.UniquePhone(), Password)).StatusCode);

        var again = await client.RegisterAsync(userName.ToUpperInvariant(), ShopFactory.UniquePhone(), Password);

        Assert.Contains("already taken", (await again.FieldErrorsAsync("userName")).Single());
    }

    [Fact]
    public async Task Register_rejects_a_taken_phone_number_in_any_format()
    {
        var client = shop.Anonymous();
        var phone = ShopFactory.UniquePhone();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(NewUserName(), "+86" + phone, Password)).StatusCode);

        foreach (var typed in new[] { Spaced(phone), phone, "+86 " + Spaced(phone), "0086" + phone })
        {
            var again = await client.RegisterAsync(NewUserName(), typed, Password);
            Assert.Contains("already has an account", (await again.FieldErrorsAsync("phoneNumber")).Single());
        }
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1380013800")]
    [InlineData("phone")]
    [InlineData("+86 123")]
    public async Task Register_rejects_a_phone_number_that_is_not_a_number(string phone)
    {
        var response = await shop.Anonymous().RegisterAsync(NewUserName(), phone, Password);
        Assert.Contains("not a valid", (await response.FieldErrorsAsync("phoneNumber")).Single());
    }

    [Fact]
    public async Task Register_rejects_a_mainland_landline_typed_without_country_code()
    {
        var response = await shop.Anonymous().RegisterAsync(NewUserName(), "01012345678", Password);
        Assert.Contains("mobile", (await response.FieldErrorsAsync("phoneNumber")).Single());
    }

    [Fact]
    public async Task Register_accepts_a_valid_foreign_number_in_E164()
    {
        var response = await shop.Anonymous().RegisterAsync(NewUserName(), "+447911123456", Password);
        Assert.Equal("+447911123456", (await response.ReadAsync<Registered>(HttpStatusCode.Created)).PhoneNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("1234567")]
    public async Task Register_rejects_a_password_under_8_characters(string password)
    {
        var response = await shop.Anonymous().RegisterAsync(NewUserName(), ShopFactory.UniquePhone(), password);
        Assert.NotEmpty(await response.FieldErrorsAsync("password"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("12345678")]
    [InlineData("a-name-that-is-far-longer-than-32-chars")]
    public async Task Register_rejects_an_unusable_user_name(string userName)
    {
        var response = await shop.Anonymous().RegisterAsync(userName, ShopFactory.UniquePhone(), Password);
        Assert.NotEmpty(await response.FieldErrorsAsync("userName"));
    }

    [Fact]
    public async Task Register_rejects_a_user_name_that_sign_in_would_read_as_a_phone_number()
    {
        // Sign-in takes a login made of phone characters for a phone number, so an account with
        // such a name could never sign in by its name.
        var client = shop.Anonymous();
        var phone = ShopFactory.UniquePhone();
        var nameLikeAPhone = $"{phone[..3]}-{phone[3..7]}-{phone[7..]}";

        var response = await client.RegisterAsync(nameLikeAPhone, ShopFactory.UniquePhone(), Password);

        Assert.Contains("phone number", (await response.FieldErrorsAsync("userName")).Single());
    }

    [Fact]
    public async Task Register_names_every_missing_field()
    {
        var response = await shop.Anonymous().RegisterAsync(null, null, null);

        Assert.Contains("required", (await response.FieldErrorsAsync("userName")).Single());
        Assert.Contains("required", (await response.FieldErrorsAsync("phoneNumber")).Single());
        Assert.Contains("required", (await response.FieldErrorsAsync("password")).Single());
    }

    [Fact]
    public async Task Register_with_a_body_that_is_not_JSON_is_a_400_not_a_500()
    {
        var response = await shop.Anonymous().PostAsync("/api/v1/accounts/register",
            new StringContent("{userName:", System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_registration_refused_for_its_password_leaves_no_account_behind()
    {
        var client = shop.Anonymous();
        var userName = NewUserName();
        var phone = ShopFactory.UniquePhone();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.RegisterAsync(userName, phone, "short")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.TokenAsync(userName, "short")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.TokenAsync(phone, "short")).StatusCode);
        // Neither the name nor the number is held by a half-made account.
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(userName, phone, Password)).StatusCode);
    }

    [Fact]
    public async Task A_registration_refused_for_a_taken_phone_does_not_take_the_user_name()
    {
        var client = shop.Anonymous();
        var phone = ShopFactory.UniquePhone();
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(NewUserName(), phone, Password)).StatusCode);
        var userName = NewUserName();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.RegisterAsync(userName, phone, Password)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.TokenAsync(userName, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.RegisterAsync(userName, ShopFactory.UniquePhone(), Password)).StatusCode);
    }

    [Fact]
    public async Task Simultaneous_sign_ups_with_one_phone_number_make_one_account_and_clear_refusals()
    {
        var phone = ShopFactory.UniquePhone();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            shop.Anonymous().RegisterAsync(NewUserName(), phone, Password)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.Contains("already has an account", (await refused.FieldErrorsAsync("phoneNumber")).Single());
    }

    [Fact]
    public async Task Simultaneous_sign_ups_with_one_user_name_make_one_account_and_clear_refusals()
    {
        var userName = NewUserName();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            shop.Anonymous().RegisterAsync(userName, ShopFactory.UniquePhone(), Password)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.Contains("already taken", (await refused.FieldErrorsAsync("userName")).Single());
    }

    [Fact]
    public async Task The_password_is_stored_only_as_a_hash()
    {
        var userName = NewUserName();
        Assert.Equal(HttpStatusCode.Created,
            (await shop.Anonymous().RegisterAsync(userName, ShopFactory.UniquePhone(), Password)).StatusCode);

        using var scope = shop.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var hash = await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.PasswordHash).SingleAsync();

        Assert.False(string.IsNullOrEmpty(hash));
        Assert.DoesNotContain(Password, hash);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Password)), hash);
    }
}

public sealed class RegisterCustomerTests_Sqlite(SqliteShop shop) : RegisterCustomerTests(shop), IClassFixture<SqliteShop>;
public sealed class RegisterCustomerTests_Postgres(PostgresShop shop) : RegisterCustomerTests(shop), IClassFixture<PostgresShop>;
