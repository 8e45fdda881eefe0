using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Notifications;
using Bazaar.Ordering;
using Bazaar.Payments;
using Bazaar.Platform.Data;
using Bazaar.Platform.Protection;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Platform.Protection;

/// <summary>
/// Phone numbers and addresses are encrypted at rest: a copy of the database shows none of them, and
/// the shop still signs in, finds and shows them. Each test has a shop of its own: keys differ per test.
/// </summary>
public abstract class PersonalDataAtRestTests
{
    protected abstract ShopFactory NewShop();

    private async Task WithShopAsync(Func<ShopFactory, Task> test)
    {
        var shop = NewShop();
        await shop.InitializeAsync();
        try
        {
            await test(shop);
        }
        finally
        {
            await ((IAsyncLifetime)shop).DisposeAsync();
        }
    }

    private static string UniqueStreet() => $"幸福{Random.Shared.Next(100_000, 999_999)}路 {Random.Shared.Next(10, 99)} 号";

    [Fact]
    public Task A_database_dump_holds_no_phone_number_or_street_in_clear() => WithShopAsync(async shop =>
    {
        var (client, userName, national) = await shop.NewCustomerAsync();
        var street = UniqueStreet();
        var addressPhone = ShopFactory.UniquePhone();
        var addressId = await AddAddressAsync(client, street, addressPhone);
        var productId = await shop.NewProductAsync(stock: 5);
        var order = await shop.PlaceOrderAsync(new Shopper(client, addressId, userName, "+86" + national), productId, 1);
        await shop.WithScopeAsync(async sp =>
        {
            // A text about the order keeps a copy of the number too.
            await sp.GetRequiredService<SendCustomerText>().HandleAsync("test:" + order.Id, "paid", await CustomerIdAsync(shop, userName), order.Id, "hello", default);
            return 0;
        });

        var dump = await DatabaseDump.OfAsync(shop);

        foreach (var phone in new[] { national, addressPhone })
        foreach (var written in Formats(phone))
            Assert.False(dump.Contains(written), $"The dump holds the phone number {written} in clear.");
        Assert.DoesNotContain(street, dump);
        Assert.Contains(FieldCipher.Prefix, dump);
        Assert.Contains(userName, dump); // the dump is a real one: what is not personal data is there

        // ...and the shop still reads them, signs in by phone and finds the account by it.
        var addresses = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/addresses");
        Assert.Contains(addresses.EnumerateArray(), a => a.GetProperty("street").GetString() == street
                                                        && a.GetProperty("phone").GetString() == "+86" + addressPhone);
        var byPhone = shop.Anonymous();
        await ShopFactory.AuthoriseAsync(byPhone, $"+86 {national[..3]} {national[3..7]} {national[7..]}", ShopFactory.CustomerPassword);
        Assert.Equal(userName, (await byPhone.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me")).GetProperty("userName").GetString());
        var admin = await shop.AdminAsync();
        var found = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/customers?q={national}");
        Assert.Equal(userName, Assert.Single(found.GetProperty("items").EnumerateArray().ToList()).GetProperty("userName").GetString());
        var orderView = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.Id}");
        Assert.Contains(street, orderView.ToString());
    });

    [Fact]
    public Task A_phone_number_registered_again_in_another_format_is_refused() => WithShopAsync(async shop =>
    {
        var (_, _, national) = await shop.NewCustomerAsync();

        var again = await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/register",
            new { userName = "u" + Guid.NewGuid().ToString("N")[..10], phoneNumber = $"+86 {national[..3]}-{national[3..7]}-{national[7..]}", password = ShopFactory.CustomerPassword });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("This phone number already has an account.", problem.GetProperty("errors").GetProperty("phoneNumber")[0].GetString());
    });

    [Fact]
    public Task A_database_from_before_encryption_is_encrypted_at_start_and_still_signs_in_by_phone() => WithShopAsync(async shop =>
    {
        var (client, userName, national) = await shop.NewCustomerAsync();
        var addressId = await AddAddressAsync(client, UniqueStreet(), ShopFactory.UniquePhone());
        var street = UniqueStreet();
        // What an older version left: the number and the street in clear, no blind index.
        await ExecuteAsync(shop, """UPDATE "AspNetUsers" SET "PhoneNumber" = {0}, "PhoneNumberIndex" = NULL WHERE "UserName" = {1}""", "+86" + national, userName);
        await ExecuteAsync(shop, """UPDATE "Addresses" SET "Street" = {0} WHERE "Id" = {1}""", street, addressId);

        await using var upgraded = shop.WithWebHostBuilder(_ => { });
        _ = upgraded.Server; // starts: migrations, then the clear text is encrypted before any request

        Assert.StartsWith(FieldCipher.Prefix, await RawAsync(shop, """SELECT "PhoneNumber" AS "Value" FROM "AspNetUsers" WHERE "UserName" = {0}""", userName));
        Assert.NotNull(await RawAsync(shop, """SELECT "PhoneNumberIndex" AS "Value" FROM "AspNetUsers" WHERE "UserName" = {0}""", userName));
        Assert.StartsWith(FieldCipher.Prefix, await RawAsync(shop, """SELECT "Street" AS "Value" FROM "Addresses" WHERE "Id" = {0}""", addressId));
        var dump = await DatabaseDump.OfAsync(shop);
        Assert.DoesNotContain(street, dump);
        Assert.DoesNotContain("+86" + national, dump);
        var byPhone = upgraded.CreateClient();
        await ShopFactory.AuthoriseAsync(byPhone, national, ShopFactory.CustomerPassword);
        var addresses = await byPhone.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/addresses");
        Assert.Equal(street, Assert.Single(addresses.EnumerateArray().ToList()).GetProperty("street").GetString());
    });

    [Fact]
    public Task Rotate_keys_re_encrypts_everything_under_the_new_key_and_old_data_reads_until_then() => WithShopAsync(async shop =>
    {
        var (oldKey, newKey, indexKey) = (FieldCipherTests.NewKey(), FieldCipherTests.NewKey(), FieldCipherTests.NewKey());
        var onlyOld = new Dictionary<string, string?> { ["Protection:Keys:old"] = oldKey, ["Protection:CurrentKey"] = "old", ["Protection:IndexKey"] = indexKey };
        var both = new Dictionary<string, string?>(onlyOld) { ["Protection:Keys:new"] = newKey, ["Protection:CurrentKey"] = "new" };
        var onlyNew = new Dictionary<string, string?> { ["Protection:Keys:new"] = newKey, ["Protection:CurrentKey"] = "new", ["Protection:IndexKey"] = indexKey };

        string national, street = UniqueStreet();
        await using (var before = With(shop, onlyOld))
        {
            national = ShopFactory.UniquePhone();
            var client = await RegisterAsync(before, national);
            await AddAddressAsync(client, street, ShopFactory.UniquePhone());
        }
        Assert.StartsWith("pd1:old:", await RawAsync(shop, """SELECT "Street" AS "Value" FROM "Addresses" WHERE "Street" IS NOT NULL""" ));

        await using (var newCurrent = With(shop, both))
        {
            // Before the rotation: the old key still opens what it encrypted.
            Assert.Equal(street, await StreetSeenBySignInAsync(newCurrent, national));
        }

        var run = await BazaarRun.StartAsync(CommandEnvironment(shop, both), "rotate-keys");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Addresses: ", run.Out);
        Assert.Matches(@"Addresses: \d+ row\(s\) read, [1-9]\d* value\(s\) re-encrypted", run.Out);
        Assert.Matches(@"AspNetUsers: \d+ row\(s\) read, 1 value\(s\) re-encrypted", run.Out);
        var keyIds = await RawListAsync(shop, """SELECT "Street" AS "Value" FROM "Addresses" UNION ALL SELECT "PhoneNumber" FROM "AspNetUsers" WHERE "PhoneNumber" IS NOT NULL""");
        Assert.All(keyIds, v => Assert.StartsWith("pd1:new:", v));

        var again = await BazaarRun.StartAsync(CommandEnvironment(shop, both), "rotate-keys");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Nothing to do: every value is under key new.", again.Out);

        await using var afterwards = With(shop, onlyNew);
        Assert.Equal(street, await StreetSeenBySignInAsync(afterwards, national));
    });

    private static WebApplicationFactory<Program> With(ShopFactory shop, Dictionary<string, string?> settings) =>
        shop.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
        });

    private static IReadOnlyDictionary<string, string?> CommandEnvironment(ShopFactory shop, Dictionary<string, string?> settings)
    {
        var env = shop switch
        {
            SqliteShop sqlite => new Dictionary<string, string?>
            {
                ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Shop"] = "", ["Storage__DataDirectory"] = sqlite.DataDirectory,
            },
            PostgresShop postgres => new Dictionary<string, string?>
            {
                ["Database__Provider"] = "Postgres", ["ConnectionStrings__Shop"] = postgres.ConnectionString,
            },
            _ => throw new NotSupportedException(),
        };
        foreach (var (key, value) in settings)
            env[key.Replace(":", "__")] = value;
        return env;
    }

    private static async Task<HttpClient> RegisterAsync(WebApplicationFactory<Program> host, string national)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        (await client.PostAsJsonAsync("/api/v1/accounts/register", new { userName, phoneNumber = national, password = ShopFactory.CustomerPassword }))
            .EnsureSuccessStatusCode();
        await ShopFactory.AuthoriseAsync(client, national, ShopFactory.CustomerPassword);
        return client;
    }

    private static async Task<string?> StreetSeenBySignInAsync(WebApplicationFactory<Program> host, string national)
    {
        var client = host.CreateClient();
        await ShopFactory.AuthoriseAsync(client, national, ShopFactory.CustomerPassword);
        var addresses = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me/addresses");
        return Assert.Single(addresses.EnumerateArray().ToList()).GetProperty("street").GetString();
    }

    private static async Task<Guid> AddAddressAsync(HttpClient client, string street, string phone)
    {
        var response = await client.PostAsJsonAsync("/api/v1/accounts/me/addresses", new
        {
            recipient = "李娜", phone, province = "上海市", city = "上海市", district = "徐汇区", street, postcode = "200030",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A national mobile number as people write it, and as E.164.</summary>
    private static IEnumerable<string> Formats(string national) =>
    [
        national, "+86" + national, "86" + national, $"{national[..3]} {national[3..7]} {national[7..]}",
        $"{national[..3]}-{national[3..7]}-{national[7..]}",
    ];

    private static Task<Guid> CustomerIdAsync(ShopFactory shop, string userName) =>
        shop.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static Task<int> ExecuteAsync(ShopFactory shop, string sql, params object[] args) =>
        shop.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, args));

    private static async Task<string?> RawAsync(ShopFactory shop, string sql, params object[] args) =>
        (await RawListAsync(shop, sql, args)).SingleOrDefault();

    private static Task<List<string>> RawListAsync(ShopFactory shop, string sql, params object[] args) =>
        shop.WithDbAsync(db => db.Database.SqlQueryRaw<string>(sql, args).ToListAsync());
}

public sealed class PersonalDataAtRestTests_Sqlite : PersonalDataAtRestTests
{
    protected override ShopFactory NewShop() => new SqliteShop();
}

public sealed class PersonalDataAtRestTests_Postgres : PersonalDataAtRestTests
{
    protected override ShopFactory NewShop() => new PostgresShop();
}
