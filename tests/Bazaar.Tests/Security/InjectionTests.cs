using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Security;

/// <summary>
/// The injection corpus in every query parameter, route id and form or JSON field of the storefront and
/// the API: never a 500, never a database's error text, never more rows than a page holds, and every
/// table still there (and as full) afterwards.
/// </summary>
public abstract class InjectionTests(ShopFactory shop)
{
    private readonly List<string> _failures = [];

    private async Task CheckAsync(string what, Task<HttpResponseMessage> sending, int? maxRows = null)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 500)
            _failures.Add($"{what} → {(int)response.StatusCode}");
        foreach (var word in InjectionPayloads.DatabaseErrorWords.Where(w => body.Contains(w, StringComparison.OrdinalIgnoreCase)))
            _failures.Add($"{what} → the answer says \"{word}\": {Around(body, word)}");
        if (maxRows is { } max && response.IsSuccessStatusCode)
        {
            var rows = response.Content.Headers.ContentType?.MediaType == "application/json"
                ? JsonDocument.Parse(body).RootElement.GetProperty("items").GetArrayLength()
                : Regex.Matches(body, "data-testid=\"product-card\"").Count;
            if (rows > max)
                _failures.Add($"{what} → {rows} rows, more than {max}");
        }
    }

    private void AssertNoFailures() =>
        Assert.True(_failures.Count == 0, $"{_failures.Count} answers gave something away:\n  " + string.Join("\n  ", _failures.Take(60)));

    private static string Q(string payload) => Uri.EscapeDataString(payload);

    // No client can put a null character in a path (Kestrel refuses the request before the shop sees it).
    private static string Segment(string payload) => Uri.EscapeDataString(payload.Replace("\0", ""));

    private Task<(int Products, int Users, int Categories)> CountRowsAsync() => shop.WithDbAsync(async db => (
        await db.Set<Bazaar.Catalog.Product>().CountAsync(),
        await db.Set<Bazaar.Accounts.ShopUser>().CountAsync(),
        await db.Set<Bazaar.Catalog.Category>().CountAsync()));

    [Fact]
    public async Task Storefront_and_catalog_api_queries_give_nothing_away()
    {
        var before = await CountRowsAsync();
        var stranger = shop.Anonymous();
        foreach (var p in InjectionPayloads.All)
        {
            foreach (var name in new[] { "q", "category", "sort", "page", "pageSize", "minPrice", "maxPrice" })
                await CheckAsync($"GET /api/v1/products?{name}={Shorten(p)}", stranger.GetAsync($"/api/v1/products?{name}={Q(p)}"), maxRows: 100);
            await CheckAsync($"GET /api/v1/products?q=&pageSize=24 ({Shorten(p)})", stranger.GetAsync($"/api/v1/products?q={Q(p)}&pageSize=24"), maxRows: 24);
            foreach (var name in new[] { "q", "sort", "page", "category", "minPrice", "maxPrice" })
                await CheckAsync($"GET /search?{name}={Shorten(p)}", stranger.GetAsync($"/search?q=phone&{name}={Q(p)}"), maxRows: 24);
            await CheckAsync($"GET /categories/1?sort&page={Shorten(p)}", stranger.GetAsync($"/categories/1?sort={Q(p)}&page={Q(p)}"), maxRows: 24);
            await CheckAsync($"GET /api/v1/products/{Shorten(p)}", stranger.GetAsync($"/api/v1/products/{Segment(p)}"));
            await CheckAsync($"GET /products/{Shorten(p)}", stranger.GetAsync($"/products/{Segment(p)}"));
            await CheckAsync($"GET /cart/add?productId&quantity={Shorten(p)}", stranger.GetAsync($"/cart/add?productId={Q(p)}&quantity={Q(p)}"));
        }
        AssertNoFailures();
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Cart_order_and_account_fields_give_nothing_away()
    {
        var before = await CountRowsAsync();
        var (customer, addressId) = await shop.CustomerWithAddressAsync();
        var stranger = shop.Anonymous();
        var login = PageBrowser.Open(shop, "en");
        foreach (var p in InjectionPayloads.All)
        {
            var s = Shorten(p);
            await CheckAsync($"POST /api/v1/cart/items productId={s}", customer.PostAsJsonAsync("/api/v1/cart/items", new { productId = p, quantity = 1 }));
            await CheckAsync($"POST /api/v1/cart/items quantity={s}", customer.PostAsJsonAsync("/api/v1/cart/items", new { productId = 1, quantity = p }));
            await CheckAsync($"PUT /api/v1/cart/items/1 quantity={s}", customer.PutAsJsonAsync("/api/v1/cart/items/1", new { quantity = p }));
            await CheckAsync($"DELETE /api/v1/cart/items/{s}", customer.DeleteAsync($"/api/v1/cart/items/{Segment(p)}"));
            await CheckAsync($"POST /api/v1/orders addressId={s}", PlaceAsync(customer, new { addressId = p, items = new[] { new { productId = 1, quantity = 1 } } }));
            await CheckAsync($"POST /api/v1/orders productId={s}", PlaceAsync(customer, new { addressId, items = new[] { new { productId = p, quantity = p } } }));
            await CheckAsync($"GET /api/v1/orders?page={s}", customer.GetAsync($"/api/v1/orders?page={Q(p)}"));
            await CheckAsync($"GET /api/v1/orders/{s}", customer.GetAsync($"/api/v1/orders/{Segment(p)}"));
            await CheckAsync($"GET /orders/{s}", customer.GetAsync($"/orders/{Segment(p)}"));
            await CheckAsync($"POST /api/v1/accounts/token login={s}", stranger.PostAsJsonAsync("/api/v1/accounts/token", new { login = p, password = p }));
            await CheckAsync($"POST /api/v1/accounts/register fields={s}", stranger.PostAsJsonAsync("/api/v1/accounts/register", new { userName = p, phoneNumber = p, password = p }));
            await CheckAsync($"POST /account/login Login={s}", login.PostFormAsync("/account/login", "/account/login", new()
            {
                ["Input.Login"] = p, ["Input.Password"] = p,
            }));
        }
        AssertNoFailures();
        Assert.Equal(before.Products, (await CountRowsAsync()).Products);
        Assert.Equal(before.Categories, (await CountRowsAsync()).Categories);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task Back_office_filters_give_nothing_away()
    {
        var admin = await shop.AdminAsync();
        foreach (var p in InjectionPayloads.All)
        {
            var s = Shorten(p);
            foreach (var name in new[] { "status", "number", "from", "to", "customerId", "page" })
                await CheckAsync($"GET /api/v1/admin/orders?{name}={s}", admin.GetAsync($"/api/v1/admin/orders?{name}={Q(p)}"));
            await CheckAsync($"GET /api/v1/admin/customers?q={s}", admin.GetAsync($"/api/v1/admin/customers?q={Q(p)}"));
            foreach (var name in new[] { "action", "actor", "target", "from", "to" })
                await CheckAsync($"GET /api/v1/admin/audit?{name}={s}", admin.GetAsync($"/api/v1/admin/audit?{name}={Q(p)}"));
            await CheckAsync($"GET /admin/orders?q={s}", admin.GetAsync($"/admin/orders?status={Q(p)}&number={Q(p)}&page={Q(p)}"));
            await CheckAsync($"GET /admin/customers?q={s}", admin.GetAsync($"/admin/customers?q={Q(p)}"));
        }
        AssertNoFailures();
        Assert.True((await CountRowsAsync()).Users >= 1);
    }

    [Fact]
    public async Task A_null_character_is_refused_with_a_problem_not_a_database_error()
    {
        var admin = await shop.AdminAsync();

        var filter = await admin.GetAsync("/api/v1/admin/customers?q=a%00b");
        var signIn = await shop.Anonymous().PostAsJsonAsync("/api/v1/accounts/token", new { login = "a\0b", password = "a\0b" });

        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
        Assert.Equal("application/problem+json", filter.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> PlaceAsync(HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } }, Content = JsonContent.Create(body),
        });

    private static string Around(string body, string word)
    {
        var at = body.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        return body.Substring(Math.Max(0, at - 60), Math.Min(body.Length - Math.Max(0, at - 60), word.Length + 120));
    }

    private static string Shorten(string payload) => (payload.Length > 40 ? payload[..20] + $"…({payload.Length} chars)" : payload).Replace("\0", "\\0");
}

public sealed class InjectionTests_Sqlite(SqliteShop shop) : InjectionTests(shop), IClassFixture<SqliteShop>;
public sealed class InjectionTests_Postgres(PostgresShop shop) : InjectionTests(shop), IClassFixture<PostgresShop>;
