using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// Customer B knows the ids of customer A's order, address and payment, and tries them on every door,
/// API and pages: each is a 404 that shows nothing of A's, and A's things are as A left them.
/// </summary>
public abstract class OtherCustomersDataTests(ShopFactory shop)
{
    private sealed record Victim(HttpClient Client, Guid OrderId, string OrderNumber, Guid AddressId, int ProductId);

    private const string Street = "建国路 88 号"; // the street Shopping.CustomerWithAddressAsync gives A

    private async Task<Victim> CustomerAWithEverythingAsync()
    {
        var productId = await shop.NewProductAsync(stock: 20, price: 42m);
        var (a, addressId) = await shop.CustomerWithAddressAsync();
        (await a.PostAsJsonAsync("/api/v1/cart/items", new { productId, quantity = 3 })).EnsureSuccessStatusCode();
        var placed = await a.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId, items = new[] { new { productId, quantity = 1 } } }),
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();
        var orderId = order.GetProperty("id").GetGuid();
        (await a.PostAsync($"/api/v1/orders/{orderId}/payments", null)).EnsureSuccessStatusCode();
        return new Victim(a, orderId, order.GetProperty("number").GetString()!, addressId, productId);
    }

    private static async Task AssertNothingOfAsAsync(HttpResponseMessage response, Victim a, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: expected 404, got {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain(a.OrderNumber, body);
        Assert.DoesNotContain(Street, WebUtility.HtmlDecode(body));
    }

    private async Task AssertAsThingsAreUntouchedAsync(Victim a)
    {
        var order = await a.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{a.OrderId}");
        Assert.Equal("PendingPayment", order.GetProperty("status").GetString());
        var address = await a.Client.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/me/addresses/{a.AddressId}");
        Assert.Equal(Street, address.GetProperty("street").GetString());
        var cart = await a.Client.GetFromJsonAsync<JsonElement>("/api/v1/cart");
        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(3, line.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Over_the_api_B_cannot_read_change_cancel_pay_or_track_As_order_and_address()
    {
        var a = await CustomerAWithEverythingAsync();
        var (b, bAddress) = await shop.CustomerWithAddressAsync();
        var address = new { recipient = "李四", phone = "13900001111", province = "上海市", city = "上海市", district = "黄浦区", street = "南京东路 1 号", postcode = "200001" };

        await AssertNothingOfAsAsync(await b.GetAsync($"/api/v1/orders/{a.OrderId}"), a, "read order");
        await AssertNothingOfAsAsync(await b.PostAsync($"/api/v1/orders/{a.OrderId}/cancel", null), a, "cancel order");
        await AssertNothingOfAsAsync(await b.PostAsync($"/api/v1/orders/{a.OrderId}/payments", null), a, "pay order");
        await AssertNothingOfAsAsync(await b.GetAsync($"/api/v1/orders/{a.OrderId}/payment"), a, "read payment");
        await AssertNothingOfAsAsync(await b.GetAsync($"/api/v1/orders/{a.OrderId}/shipment"), a, "track order");
        await AssertNothingOfAsAsync(await b.GetAsync($"/api/v1/accounts/me/addresses/{a.AddressId}"), a, "read address");
        await AssertNothingOfAsAsync(await b.PutAsJsonAsync($"/api/v1/accounts/me/addresses/{a.AddressId}", address), a, "change address");
        await AssertNothingOfAsAsync(await b.PostAsync($"/api/v1/accounts/me/addresses/{a.AddressId}/default", null), a, "make address default");
        await AssertNothingOfAsAsync(await b.DeleteAsync($"/api/v1/accounts/me/addresses/{a.AddressId}"), a, "remove address");

        var shipToA = await b.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId = a.AddressId, items = new[] { new { productId = a.ProductId, quantity = 1 } } }),
        });
        Assert.True((int)shipToA.StatusCode is >= 400 and < 500, $"an order to A's address: {(int)shipToA.StatusCode}");
        Assert.DoesNotContain(Street, await shipToA.Content.ReadAsStringAsync());

        // The cart has no id to guess: B's cart calls reach B's cart only.
        await b.PutAsJsonAsync($"/api/v1/cart/items/{a.ProductId}", new { quantity = 7 });
        await b.DeleteAsync($"/api/v1/cart/items/{a.ProductId}");
        Assert.DoesNotContain(a.OrderNumber, await b.GetStringAsync("/api/v1/orders"));
        Assert.Empty((await b.GetFromJsonAsync<JsonElement>("/api/v1/cart")).GetProperty("lines").EnumerateArray());
        Assert.NotEqual(Guid.Empty, bAddress);

        await AssertAsThingsAreUntouchedAsync(a);
    }

    [Fact]
    public async Task On_the_pages_B_cannot_see_cancel_pay_or_edit_As_order_and_address()
    {
        var a = await CustomerAWithEverythingAsync();
        var b = await PageBrowser.SignedInAsync(shop, "en", withAddress: true);
        var order = $"/orders/{a.OrderId}";
        var edit = $"/account/addresses/edit/{a.AddressId}";

        await AssertNothingOfAsAsync(await b.Client.GetAsync(order), a, "order page");
        await AssertNothingOfAsAsync(await b.PostFormAsync("/account", order + "?handler=Pay", new()), a, "pay on the order page");
        await AssertNothingOfAsAsync(await b.PostFormAsync("/account", order + "?handler=Cancel", new()), a, "cancel on the order page");
        await AssertNothingOfAsAsync(await b.Client.GetAsync(edit), a, "address form");
        await AssertNothingOfAsAsync(await b.PostFormAsync("/account", edit, new()
        {
            ["Input.Recipient"] = "李四", ["Input.Phone"] = "13900001111", ["Input.Province"] = "上海市", ["Input.City"] = "上海市",
            ["Input.District"] = "黄浦区", ["Input.Street"] = "南京东路 1 号", ["Input.Postcode"] = "200001",
        }), a, "address form post");
        var remove = await b.PostFormAsync("/account", $"/account?handler=Remove&id={a.AddressId}", new());
        Assert.DoesNotContain(Street, WebUtility.HtmlDecode(await remove.Content.ReadAsStringAsync()));
        await b.PostFormAsync("/account", $"/account?handler=Default&id={a.AddressId}", new());
        Assert.DoesNotContain(a.OrderNumber, await b.PageAsync("/orders"));

        await AssertAsThingsAreUntouchedAsync(a);
    }
}

public sealed class OtherCustomersDataTests_Sqlite(SqliteShop shop) : OtherCustomersDataTests(shop), IClassFixture<SqliteShop>;
public sealed class OtherCustomersDataTests_Postgres(PostgresShop shop) : OtherCustomersDataTests(shop), IClassFixture<PostgresShop>;
