using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Admin;

/// <summary>Operators find accounts by name or phone and lock or unlock them, on the record.</summary>
public abstract class CustomerAdminTests(ShopFactory shop)
{
    private static async Task<List<JsonElement>> ItemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task An_account_is_found_by_part_of_its_name_and_by_its_whole_phone_number_in_any_format()
    {
        var (_, userName, phone) = await shop.NewCustomerAsync();
        var admin = await shop.AdminAsync();

        var byName = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q={userName[1..8].ToUpperInvariant()}"));
        var byPhone = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q={phone}"));
        var byE164 = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q=%2B86{phone}"));
        var byDashes = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q={phone[..3]}-{phone[3..7]}-{phone[7..]}"));
        // Phone numbers are encrypted at rest: their last digits alone find no one (docs/security.md).
        var byDigits = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q={phone[^8..]}"));

        Assert.Contains(byName, c => c.GetProperty("userName").GetString() == userName);
        foreach (var found in new[] { byPhone, byE164, byDashes })
        {
            var row = Assert.Single(found);
            Assert.Equal(userName, row.GetProperty("userName").GetString());
            Assert.Equal("+86" + phone, row.GetProperty("phone").GetString());
        }
        Assert.DoesNotContain(byDigits, c => c.GetProperty("userName").GetString() == userName);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_until_it_is_unlocked_and_both_are_audited()
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var admin = await shop.AdminAsync();
        var id = (await ItemsAsync(await admin.GetAsync($"/api/v1/admin/customers?q={userName}")))[0].GetProperty("id").GetGuid();

        var locked = await admin.PostAsJsonAsync($"/api/v1/admin/customers/{id}/lock", new { reason = "chargeback fraud" });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var refused = await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token", new { login = userName, password = "password-123" });
        Assert.Equal((HttpStatusCode)423, refused.StatusCode);

        var unlocked = await admin.PostAsJsonAsync($"/api/v1/admin/customers/{id}/unlock", new { reason = "cleared" });
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        var again = await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token", new { login = userName, password = "password-123" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var audit = await ItemsAsync(await admin.GetAsync($"/api/v1/admin/audit?target={Uri.EscapeDataString("account " + userName)}"));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "account.locked"
                                    && e.GetProperty("details").GetString() == "chargeback fraud" && e.GetProperty("actor").GetString() == "admin");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "account.unlocked");
    }

    [Fact]
    public async Task An_operator_cannot_lock_their_own_account_and_customers_cannot_use_these_routes()
    {
        var admin = await shop.AdminAsync();
        var me = await (await admin.GetAsync("/api/v1/accounts/me")).Content.ReadFromJsonAsync<JsonElement>();
        var (customer, _, _) = await shop.NewCustomerAsync();

        var self = await admin.PostAsJsonAsync($"/api/v1/admin/customers/{me.GetProperty("id").GetGuid()}/lock", new { reason = "oops" });

        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/admin/customers/{Guid.NewGuid()}/lock", new { })).StatusCode);
    }
}

public sealed class CustomerAdminTests_Sqlite(SqliteShop shop) : CustomerAdminTests(shop), IClassFixture<SqliteShop>;
public sealed class CustomerAdminTests_Postgres(PostgresShop shop) : CustomerAdminTests(shop), IClassFixture<PostgresShop>;
