using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Accounts.Api;

namespace Bazaar.Tests.Accounts;

public abstract class AddressBookTests(ShopFactory shop)
{
    private const string Book = "/api/v1/accounts/me/addresses";

    public sealed record Address(Guid Id, string Recipient, string Phone, string Province, string City,
        string District, string Street, string Postcode, bool IsDefault);

    private static object NewAddress(string street = "科技园南路 1 号", bool isDefault = false,
        string? recipient = "李雷", string? phone = "139 1234 5678", string? postcode = "518057") =>
        new { recipient, phone, province = "广东省", city = "深圳市", district = "南山区", street, postcode, isDefault };

    private static async Task<Address> AddAsync(HttpClient client, string street = "科技园南路 1 号", bool isDefault = false) =>
        await (await client.PostAsJsonAsync(Book, NewAddress(street, isDefault))).ReadAsync<Address>(HttpStatusCode.Created);

    private static async Task<List<Address>> ListAsync(HttpClient client) =>
        await (await client.GetAsync(Book)).ReadAsync<List<Address>>(HttpStatusCode.OK);

    private static async Task<Address> SoleDefaultAsync(HttpClient client) =>
        Assert.Single(await ListAsync(client), a => a.IsDefault);

    [Fact]
    public async Task Adding_an_address_answers_201_with_where_to_find_it()
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsJsonAsync(Book, NewAddress());

        var added = await response.ReadAsync<Address>(HttpStatusCode.Created);
        Assert.Equal($"{Book}/{added.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("李雷", added.Recipient);
        Assert.Equal("+8613912345678", added.Phone);
        Assert.Equal(("广东省", "深圳市", "南山区", "科技园南路 1 号", "518057"),
            (added.Province, added.City, added.District, added.Street, added.Postcode));
        Assert.Equal(added, await (await client.GetAsync(response.Headers.Location)).ReadAsync<Address>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task The_first_address_becomes_the_default_without_being_asked()
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var first = await AddAsync(client, isDefault: false);
        var second = await AddAsync(client, "second street");

        Assert.True(first.IsDefault);
        Assert.False(second.IsDefault);
        Assert.Equal(first.Id, (await SoleDefaultAsync(client)).Id);
    }

    [Fact]
    public async Task The_list_shows_every_address_with_the_default_first()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var a = await AddAsync(client, "a street");
        shop.Clock.Advance(TimeSpan.FromSeconds(1));
        var b = await AddAsync(client, "b street");
        shop.Clock.Advance(TimeSpan.FromSeconds(1));
        var c = await AddAsync(client, "c street", isDefault: true);

        var list = await ListAsync(client);

        Assert.Equal([c.Id, a.Id, b.Id], list.Select(x => x.Id));
    }

    [Fact]
    public async Task An_address_book_starts_empty()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task Updating_an_address_changes_what_is_read_back()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var added = await AddAsync(client);

        var response = await client.PutAsJsonAsync($"{Book}/{added.Id}",
            new { recipient = "韩梅梅", phone = "+8613987654321", province = "北京市", city = "北京市", district = "海淀区", street = "中关村大街 27 号", postcode = "100080" });

        var updated = await response.ReadAsync<Address>(HttpStatusCode.OK);
        var read = await (await client.GetAsync($"{Book}/{added.Id}")).ReadAsync<Address>(HttpStatusCode.OK);
        Assert.Equal(updated, read);
        Assert.Equal(("韩梅梅", "+8613987654321", "北京市", "海淀区", "中关村大街 27 号", "100080"),
            (read.Recipient, read.Phone, read.Province, read.District, read.Street, read.Postcode));
        Assert.True(read.IsDefault, "the only address stays the default even when the update does not say so");
    }

    [Fact]
    public async Task Updating_an_address_with_bad_fields_changes_nothing()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var added = await AddAsync(client);

        var response = await client.PutAsJsonAsync($"{Book}/{added.Id}", NewAddress("new street", postcode: "12"));

        Assert.NotEmpty(await response.FieldErrorsAsync("postcode"));
        Assert.Equal(added, await (await client.GetAsync($"{Book}/{added.Id}")).ReadAsync<Address>(HttpStatusCode.OK));
    }

    [Fact]
    public async Task Deleting_an_address_answers_204_and_it_is_gone()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var keep = await AddAsync(client, "keep");
        var drop = await AddAsync(client, "drop");

        var response = await client.DeleteAsync($"{Book}/{drop.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetAsync($"{Book}/{drop.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal([keep.Id], (await ListAsync(client)).Select(a => a.Id));
        await (await client.DeleteAsync($"{Book}/{drop.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Setting_a_default_moves_it_so_there_is_exactly_one()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var first = await AddAsync(client, "first");
        var second = await AddAsync(client, "second");

        var response = await client.PostAsync($"{Book}/{second.Id}/default", null);

        Assert.True((await response.ReadAsync<Address>(HttpStatusCode.OK)).IsDefault);
        Assert.Equal(second.Id, (await SoleDefaultAsync(client)).Id);
        Assert.False((await (await client.GetAsync($"{Book}/{first.Id}")).ReadAsync<Address>(HttpStatusCode.OK)).IsDefault);

        // Asking again for the address that already is the default is harmless.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Book}/{second.Id}/default", null)).StatusCode);
        Assert.Equal(second.Id, (await SoleDefaultAsync(client)).Id);
    }

    [Fact]
    public async Task Adding_or_updating_an_address_as_default_takes_the_default_from_the_old_one()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var first = await AddAsync(client, "first");

        var second = await AddAsync(client, "second", isDefault: true);
        Assert.True(second.IsDefault);
        Assert.Equal(second.Id, (await SoleDefaultAsync(client)).Id);

        var updated = await (await client.PutAsJsonAsync($"{Book}/{first.Id}", NewAddress("first, again", isDefault: true)))
            .ReadAsync<Address>(HttpStatusCode.OK);
        Assert.True(updated.IsDefault);
        Assert.Equal(first.Id, (await SoleDefaultAsync(client)).Id);
    }

    [Fact]
    public async Task Removing_the_default_makes_the_oldest_remaining_address_the_default()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var oldest = await AddAsync(client, "oldest");
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        var middle = await AddAsync(client, "middle");
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await AddAsync(client, "newest", isDefault: true);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/{newest.Id}")).StatusCode);
        Assert.Equal(oldest.Id, (await SoleDefaultAsync(client)).Id);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/{oldest.Id}")).StatusCode);
        Assert.Equal(middle.Id, (await SoleDefaultAsync(client)).Id);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/{middle.Id}")).StatusCode);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task Removing_an_address_that_is_not_the_default_leaves_the_default_alone()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var first = await AddAsync(client, "first");
        var second = await AddAsync(client, "second");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Book}/{second.Id}")).StatusCode);

        Assert.Equal(first.Id, (await SoleDefaultAsync(client)).Id);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("51805a")]
    [InlineData("")]
    public async Task A_postcode_that_is_not_6_digits_is_refused(string postcode)
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsJsonAsync(Book, NewAddress(postcode: postcode));

        Assert.Contains("6 digits", (await response.FieldErrorsAsync("postcode")).Single());
        Assert.Empty(await ListAsync(client));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("01012345678")]
    [InlineData(null)]
    public async Task A_phone_number_that_cannot_take_a_delivery_call_is_refused(string? phone)
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsJsonAsync(Book, NewAddress(phone: phone));

        Assert.NotEmpty(await response.FieldErrorsAsync("phone"));
        Assert.Empty(await ListAsync(client));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task An_address_without_a_recipient_is_refused(string? recipient)
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsJsonAsync(Book, NewAddress(recipient: recipient));

        Assert.Contains("required", (await response.FieldErrorsAsync("recipient")).Single());
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task An_empty_address_names_every_missing_field()
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsJsonAsync(Book, new { });

        foreach (var field in new[] { "recipient", "phone", "province", "city", "district", "street", "postcode" })
            Assert.NotEmpty(await response.FieldErrorsAsync(field));
    }

    [Fact]
    public async Task Another_customers_address_is_not_found_and_stays_untouched()
    {
        var (owner, _, _) = await shop.NewCustomerAsync();
        var theirs = await AddAsync(owner, "the owner's street");
        var (other, _, _) = await shop.NewCustomerAsync();
        var mine = await AddAsync(other, "my street");
        var url = $"{Book}/{theirs.Id}";

        await (await other.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync(url, NewAddress("taken over", isDefault: true))).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"{url}/default", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal([theirs], await ListAsync(owner));
        Assert.Equal([mine], await ListAsync(other));
    }

    [Fact]
    public async Task An_unknown_address_id_is_a_404()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var url = $"{Book}/{Guid.NewGuid()}";

        await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PutAsJsonAsync(url, NewAddress())).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsync($"{url}/default", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(url)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListAsync(client));
    }

    [Fact]
    public async Task The_21st_address_is_refused_with_409()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        for (var i = 1; i <= 20; i++)
            await AddAsync(client, $"street {i}");

        var response = await client.PostAsJsonAsync(Book, NewAddress("street 21"));

        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("20", problem.GetProperty("detail").GetString());
        Assert.Equal(20, (await ListAsync(client)).Count);
    }

    [Fact]
    public async Task Addresses_added_at_the_same_moment_leave_exactly_one_default()
    {
        // An app that retries or a double-tapped button: every add lands, and still one default.
        var (client, _, _) = await shop.NewCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => client.PostAsJsonAsync(Book, NewAddress($"street {i}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(5, (await ListAsync(client)).Count);
        await SoleDefaultAsync(client);
    }

    [Fact]
    public async Task Defaults_set_at_the_same_moment_leave_exactly_one_default()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var addresses = new List<Address>();
        for (var i = 1; i <= 5; i++)
            addresses.Add(await AddAsync(client, $"street {i}"));

        var responses = await Task.WhenAll(addresses.Select(a => client.PostAsync($"{Book}/{a.Id}/default", null)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await SoleDefaultAsync(client);
    }

    [Fact]
    public async Task Adds_racing_for_the_last_places_never_exceed_20_addresses()
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        for (var i = 1; i <= 17; i++)
            await AddAsync(client, $"street {i}");

        var responses = await Task.WhenAll(Enumerable.Range(18, 6).Select(i => client.PostAsJsonAsync(Book, NewAddress($"street {i}"))));

        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(20, (await ListAsync(client)).Count);
    }

    [Fact]
    public async Task The_address_book_needs_a_signed_in_customer()
    {
        var anonymous = shop.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Book)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(Book, NewAddress())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"{Book}/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class AddressBookTests_Sqlite(SqliteShop shop) : AddressBookTests(shop), IClassFixture<SqliteShop>;
public sealed class AddressBookTests_Postgres(PostgresShop shop) : AddressBookTests(shop), IClassFixture<PostgresShop>;
