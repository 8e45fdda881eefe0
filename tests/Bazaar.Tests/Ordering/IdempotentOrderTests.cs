using System.Net;
using System.Net.Http.Json;
using Bazaar.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Ordering;

/// <summary>A client that retries, or fires twice, with one Idempotency-Key gets one order.</summary>
public abstract class IdempotentOrderTests(ShopFactory shop)
{
    private static HttpRequestMessage Order(string key, object body) =>
        new(HttpMethod.Post, "/api/v1/orders") { Headers = { { "Idempotency-Key", key } }, Content = JsonContent.Create(body) };

    [Fact]
    public async Task Twenty_concurrent_requests_with_one_key_make_one_order_and_twenty_identical_answers()
    {
        var productId = await shop.NewProductAsync(stock: 100);
        var (client, addressId) = await shop.CustomerWithAddressAsync();
        var key = Guid.NewGuid().ToString();
        var body = new { addressId, items = new[] { new { productId, quantity = 2 } } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(Order(key, body))));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await shop.WithDbAsync(db => db.Set<Order>().CountAsync(o => o.IdempotencyKey == key)));
        var stock = await shop.StockAsync(productId);
        Assert.Equal(2, stock.Reserved); // reserved once, not twenty times
    }

    [Fact]
    public async Task A_retry_after_success_returns_the_same_order()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (client, addressId) = await shop.CustomerWithAddressAsync();
        var body = new { addressId, items = new[] { new { productId, quantity = 1 } } };

        var first = await client.SendAsync(Order("retry-1", body));
        var second = await client.SendAsync(Order("retry-1", body));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, (await shop.StockAsync(productId)).Reserved);
    }

    [Fact]
    public async Task The_same_key_for_a_different_request_is_refused_and_changes_nothing()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (client, addressId) = await shop.CustomerWithAddressAsync();

        var first = await client.SendAsync(Order("reused", new { addressId, items = new[] { new { productId, quantity = 1 } } }));
        var second = await client.SendAsync(Order("reused", new { addressId, items = new[] { new { productId, quantity = 3 } } }));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(1, (await shop.StockAsync(productId)).Reserved);
    }

    [Fact]
    public async Task Placing_an_order_without_an_idempotency_key_is_a_400_that_says_why()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (client, addressId) = await shop.CustomerWithAddressAsync();

        var response = await client.PostAsJsonAsync("/api/v1/orders", new { addressId, items = new[] { new { productId, quantity = 1 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await shop.StockAsync(productId)).Reserved);
    }
}

public sealed class IdempotentOrderTests_Sqlite(SqliteShop shop) : IdempotentOrderTests(shop), IClassFixture<SqliteShop>;
public sealed class IdempotentOrderTests_Postgres(PostgresShop shop) : IdempotentOrderTests(shop), IClassFixture<PostgresShop>;
