using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Audit;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Admin;

/// <summary>Security events land in an audit log that operators can read and nobody can rewrite.</summary>
public abstract class AuditLogTests(ShopFactory shop)
{
    private async Task<List<JsonElement>> AuditAsync(string query)
    {
        var admin = await shop.AdminAsync();
        var response = await admin.GetAsync("/api/v1/admin/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Sign_ins_failures_and_a_lockout_are_recorded_with_who_and_what()
    {
        var (_, userName, _) = await shop.NewCustomerAsync();
        var anonymous = shop.Anonymous();
        for (var i = 0; i < 5; i++)
            await anonymous.PostAsJsonAsync("/api/v1/accounts/token", new { login = userName, password = "wrong-password" });

        var entries = await AuditAsync($"target={Uri.EscapeDataString("account " + userName)}");

        var actions = entries.Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("account.signed-in", actions); // NewCustomerAsync signed in once
        Assert.Equal(4, actions.Count(a => a == "account.sign-in-failed"));
        Assert.Contains("account.locked-out", actions);
        Assert.All(entries, e => Assert.Equal(userName, e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task A_sign_in_with_an_unknown_phone_number_is_recorded_without_the_number()
    {
        var phone = ShopFactory.UniquePhone();
        await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token", new { login = phone, password = "whatever-123" });

        var entries = await AuditAsync("action=account.sign-in-failed&target=unknown");

        Assert.Contains(entries, e => e.GetProperty("details").GetString() == $"login {phone[..3]}********");
        Assert.DoesNotContain(entries, e => e.GetRawText().Contains(phone[3..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_price_change_a_stock_adjustment_and_unpublishing_are_recorded_with_before_and_after()
    {
        var admin = await shop.AdminAsync();
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(admin, "bedding")).Id, price: 88.50m, stock: 7);
        var created = await CatalogApi.CreateProductAsync(admin, body);
        body["price"] = 79.90m;
        body["stock"] = 12;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/products/{created.Id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{created.Id}/unpublish", null)).StatusCode);

        var entries = await AuditAsync($"target={Uri.EscapeDataString($"product {created.Id} ")}");

        string? Details(string action) => entries.Single(e => e.GetProperty("action").GetString() == action).GetProperty("details").GetString();
        Assert.Equal("price 88.50, stock 7, published", Details("product.created"));
        Assert.Equal("88.50 → 79.90", Details("product.price-changed"));
        Assert.Equal("on hand 7 → 12", Details("stock.adjusted"));
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "product.unpublished");
        Assert.All(entries, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_entry()
    {
        await shop.NewCustomerAsync();
        var (id, action) = await shop.WithDbAsync(db => db.Set<AuditEntry>().OrderByDescending(e => e.Id)
            .Select(e => new ValueTuple<long, string>(e.Id, e.Action)).FirstAsync());

        await Assert.ThrowsAnyAsync<Exception>(() => shop.WithDbAsync(db =>
            db.Set<AuditEntry>().Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Action, "nothing.happened"))));
        await Assert.ThrowsAnyAsync<Exception>(() => shop.WithDbAsync(db =>
            db.Set<AuditEntry>().Where(e => e.Id == id).ExecuteDeleteAsync()));

        Assert.Equal(action, await shop.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Id == id).Select(e => e.Action).SingleAsync()));
    }

    [Fact]
    public async Task Customers_and_strangers_cannot_read_the_log()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Anonymous().GetAsync("/api/v1/admin/audit")).StatusCode);
    }
}

public sealed class AuditLogTests_Sqlite(SqliteShop shop) : AuditLogTests(shop), IClassFixture<SqliteShop>;
public sealed class AuditLogTests_Postgres(PostgresShop shop) : AuditLogTests(shop), IClassFixture<PostgresShop>;
