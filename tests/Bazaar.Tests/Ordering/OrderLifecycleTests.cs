using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Ordering;

/// <summary>What a customer notices about an order: its totals, its stock, who may see it, which moves it allows.</summary>
public abstract class OrderLifecycleTests(ShopFactory shop)
{
    private static Task<HttpResponseMessage> PlaceAsync(HttpClient client, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } }, Content = JsonContent.Create(body),
        });

    [Fact]
    public async Task Totals_come_from_the_catalog_with_a_shipping_fee_below_99_yuan_and_free_shipping_above()
    {
        var cheap = await shop.NewProductAsync(stock: 10, price: 30.50m);
        var (client, addressId) = await shop.CustomerWithAddressAsync();

        var small = await (await PlaceAsync(client, new { addressId, items = new[] { new { productId = cheap, quantity = 2 } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var large = await (await PlaceAsync(client, new { addressId, items = new[] { new { productId = cheap, quantity = 4 } } }))
            .Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(61.00m, small.GetProperty("subtotal").GetDecimal());
        Assert.Equal(10.00m, small.GetProperty("shippingFee").GetDecimal());
        Assert.Equal(71.00m, small.GetProperty("total").GetDecimal());
        Assert.Equal(122.00m, large.GetProperty("subtotal").GetDecimal());
        Assert.Equal(0m, large.GetProperty("shippingFee").GetDecimal());
        Assert.Matches("^BZ[0-9]{6}-[2-9A-HJKMNP-Z]{8}$", small.GetProperty("number").GetString());
        Assert.NotEqual(small.GetProperty("number").GetString(), large.GetProperty("number").GetString());
    }

    [Fact]
    public async Task When_one_line_is_short_nothing_is_reserved_and_the_answer_names_the_short_product()
    {
        var plenty = await shop.NewProductAsync(stock: 10);
        var scarce = await shop.NewProductAsync(stock: 1);
        var (client, addressId) = await shop.CustomerWithAddressAsync();

        var response = await PlaceAsync(client, new
        {
            addressId, items = new[] { new { productId = plenty, quantity = 3 }, new { productId = scarce, quantity = 2 } },
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Matches("(Test product|测试商品) T-", problem.GetProperty("detail").GetString());
        Assert.Equal(scarce, problem.GetProperty("shortProductIds")[0].GetInt32());
        Assert.Equal(0, (await shop.StockAsync(plenty)).Reserved);
        Assert.Equal(0, (await shop.StockAsync(scarce)).Reserved);
    }

    [Fact]
    public async Task Ordering_the_cart_empties_it()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (client, addressId) = await shop.CustomerWithAddressAsync();
        (await client.PostAsJsonAsync("/api/v1/cart/items", new { productId, quantity = 3 })).EnsureSuccessStatusCode();

        var response = await PlaceAsync(client, new { addressId });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, order.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        var cart = await client.GetFromJsonAsync<JsonElement>("/api/v1/cart");
        Assert.Equal(0, cart.GetProperty("lines").GetArrayLength());
        Assert.Equal(3, (await shop.StockAsync(productId)).Reserved);
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_and_cannot_be_cancelled()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (alice, aliceAddress) = await shop.CustomerWithAddressAsync();
        var (bob, bobAddress) = await shop.CustomerWithAddressAsync();
        var order = await (await PlaceAsync(alice, new { addressId = aliceAddress, items = new[] { new { productId, quantity = 1 } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync($"/api/v1/orders/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/orders/{id}")).StatusCode);
        Assert.Empty(await bob.GetFromJsonAsync<JsonElement[]>("/api/v1/orders") ?? []);
        Assert.Equal(1, (await shop.StockAsync(productId)).Reserved);
        // Bob cannot ship to Alice's address either.
        var stolen = await PlaceAsync(bob, new { addressId = aliceAddress, items = new[] { new { productId, quantity = 1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PlaceAsync(bob, new { addressId = bobAddress, items = new[] { new { productId, quantity = 1 } } })).StatusCode);
    }

    [Fact]
    public async Task Cancelling_releases_the_stock_and_a_second_cancel_is_a_409()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (client, addressId) = await shop.CustomerWithAddressAsync();
        var order = await (await PlaceAsync(client, new { addressId, items = new[] { new { productId, quantity = 4 } } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetGuid();

        var cancel = await client.PostAsync($"/api/v1/orders/{id}/cancel", null);
        var again = await client.PostAsync($"/api/v1/orders/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Cancelled", await again.Content.ReadAsStringAsync());
        var stock = await shop.StockAsync(productId);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(5, stock.OnHand);
    }

    [Theory]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Refunded)]
    public async Task An_unpaid_order_cannot_skip_ahead(OrderStatus to)
    {
        var (orderId, _) = await PlacedOrderAsync();
        var outcome = await MoveAsync(orderId, to);
        Assert.Equal(409, outcome.Problem?.Status);
        Assert.Contains("PendingPayment", outcome.Problem!.Detail);
    }

    [Fact]
    public async Task Payment_commits_the_stock_and_a_paid_order_can_no_longer_be_cancelled()
    {
        var (orderId, productId) = await PlacedOrderAsync();

        Assert.True((await MoveAsync(orderId, OrderStatus.Paid)).Succeeded);
        var cancel = await MoveAsync(orderId, OrderStatus.Cancelled);
        var payAgain = await MoveAsync(orderId, OrderStatus.Paid);

        Assert.Equal(409, cancel.Problem?.Status);
        Assert.Equal(409, payAgain.Problem?.Status);
        var stock = await shop.StockAsync(productId);
        Assert.Equal(0, stock.Reserved);
        Assert.Equal(8, stock.OnHand); // 10 on hand, 2 sold
    }

    [Fact]
    public async Task The_happy_path_runs_to_completed_then_only_a_refund_moves_it_and_after_that_nothing()
    {
        var (orderId, _) = await PlacedOrderAsync();
        foreach (var step in new[] { OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed })
            Assert.True((await MoveAsync(orderId, step)).Succeeded, $"moving to {step}");
        foreach (var to in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Refunded))
            Assert.Equal(409, (await MoveAsync(orderId, to)).Problem?.Status);

        // Goods can come back after completion; once refunded, the order is closed for good.
        Assert.True((await MoveAsync(orderId, OrderStatus.Refunded)).Succeeded);
        foreach (var to in Enum.GetValues<OrderStatus>())
            Assert.Equal(409, (await MoveAsync(orderId, to)).Problem?.Status);
    }

    [Fact]
    public async Task A_cancelled_order_cannot_be_paid()
    {
        var (orderId, productId) = await PlacedOrderAsync();
        Assert.True((await MoveAsync(orderId, OrderStatus.Cancelled)).Succeeded);
        Assert.Equal(409, (await MoveAsync(orderId, OrderStatus.Paid)).Problem?.Status);
        Assert.Equal(10, (await shop.StockAsync(productId)).OnHand);
    }

    private async Task<(Guid OrderId, int ProductId)> PlacedOrderAsync()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (customerId, addressId) = (await shop.NewCustomersAsync(1))[0];
        var order = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
            new PlaceOrderRequest([new OrderItemRequest(productId, 2)], addressId), Guid.NewGuid().ToString(), false, default));
        return (order.Value!.Id, productId);
    }

    private Task<Bazaar.Platform.Web.Result<OrderStatus>> MoveAsync(Guid orderId, OrderStatus to) =>
        shop.WithScopeAsync(sp => sp.GetRequiredService<ChangeOrderStatus>().HandleAsync(orderId, to, "test", null, null, default));
}

public sealed class OrderLifecycleTests_Sqlite(SqliteShop shop) : OrderLifecycleTests(shop), IClassFixture<SqliteShop>;
public sealed class OrderLifecycleTests_Postgres(PostgresShop shop) : OrderLifecycleTests(shop), IClassFixture<PostgresShop>;
