using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.FlashSales;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.FlashSales;

/// <summary>
/// One customer and a flash sale, as the customer notices it: one unit at the flash price, a retry
/// answered with the same order, a second try refused, a clear answer before the start, an order like
/// any other (paid, cancelled), and the unsold units back on the shelf when the sale ends.
/// </summary>
public abstract class FlashSaleBuyingTests(ShopFactory shop)
{
    [Fact]
    public async Task A_customer_gets_one_unit_at_the_flash_price_a_retry_gets_the_same_order_and_a_second_try_is_refused()
    {
        var (saleId, productId) = await shop.NewSaleAsync(5);
        var buyer = (await shop.NewBuyersAsync(1))[0];
        var client = shop.Anonymous();
        var key = Guid.NewGuid().ToString();

        var first = await shop.BuyAsync(client, buyer, saleId, key);
        var retry = await shop.BuyAsync(client, buyer, saleId, key);
        var again = await shop.BuyAsync(client, buyer, saleId);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(FlashShopping.FlashPrice, first.Body.GetProperty("lines")[0].GetProperty("unitPrice").GetDecimal());
        Assert.Equal(1, first.Body.GetProperty("lines")[0].GetProperty("quantity").GetInt32());
        Assert.Equal(FlashShopping.FlashPrice + 10.00m, first.Body.GetProperty("total").GetDecimal()); // below free shipping
        Assert.Equal("PendingPayment", first.Body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal(first.Body.ToString(), retry.Body.ToString());
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(FlashSaleAnswers.AlreadyBoughtCode, again.Code);
        Assert.Equal(first.OrderId, again.Body.GetProperty("orderId").GetGuid());
        Assert.Equal(1, (await shop.SaleAsync(saleId)).Sold);
        Assert.Single(await shop.OrdersOfAsync(productId));
    }

    [Fact]
    public async Task Before_the_start_the_answer_is_not_started_with_when_and_nothing_is_sold()
    {
        var (saleId, _) = await shop.NewSaleAsync(5, startsIn: TimeSpan.FromMinutes(10));
        var buyer = (await shop.NewBuyersAsync(1))[0];

        var early = await shop.BuyAsync(shop.Anonymous(), buyer, saleId);

        Assert.Equal(HttpStatusCode.Conflict, early.Status);
        Assert.Equal(FlashSaleAnswers.NotStartedCode, early.Code);
        Assert.True(early.Body.TryGetProperty("startsAt", out _));
        Assert.Equal(0, (await shop.SaleAsync(saleId)).Sold);
    }

    [Fact]
    public async Task The_flash_order_is_an_ordinary_order_the_customer_pays_like_any_other()
    {
        var (saleId, productId) = await shop.NewSaleAsync(5, stock: 10);
        var shopper = await shop.NewShopperAsync();

        var bought = await shopper.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{saleId}/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId = shopper.AddressId }),
        });
        Assert.Equal(HttpStatusCode.Created, bought.StatusCode);
        var order = await bought.Content.ReadFromJsonAsync<JsonElement>();
        var placed = new PlacedOrder(shopper, order.GetProperty("id").GetGuid(), order.GetProperty("number").GetString()!,
            order.GetProperty("total").GetDecimal(), productId, 1);

        await shop.PayAsync(placed);

        Assert.Equal("Paid", await placed.StatusAsync());
        var stock = await shop.StockAsync(productId);
        Assert.Equal((9, 4), (stock.OnHand, stock.Reserved)); // one unit sold, four still held for the sale
    }

    [Fact]
    public async Task A_cancelled_flash_order_gives_its_unit_to_ordinary_stock_and_the_customer_stays_a_buyer()
    {
        var (saleId, productId) = await shop.NewSaleAsync(5, stock: 10);
        var buyer = (await shop.NewBuyersAsync(1))[0];
        var client = shop.Anonymous();
        var bought = await shop.BuyAsync(client, buyer, saleId);
        Assert.Equal(HttpStatusCode.Created, bought.Status);

        var cancel = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{bought.OrderId}/cancel");
        cancel.Headers.Authorization = new("Bearer", buyer.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(cancel)).StatusCode);

        var stock = await shop.StockAsync(productId);
        Assert.Equal((10, 4), (stock.OnHand, stock.Reserved)); // the sale still holds its other four
        Assert.Equal(1, (await shop.SaleAsync(saleId)).Sold);
        Assert.Equal(FlashSaleAnswers.AlreadyBoughtCode, (await shop.BuyAsync(client, buyer, saleId)).Code);
    }

    [Fact]
    public async Task Held_units_are_not_for_ordinary_orders()
    {
        var (_, productId) = await shop.NewSaleAsync(8, stock: 10);
        var (client, addressId) = await shop.CustomerWithAddressAsync();

        async Task<HttpStatusCode> OrderAsync(int quantity) => (await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId, items = new[] { new { productId, quantity } } }),
        })).StatusCode;

        Assert.Equal(HttpStatusCode.Conflict, await OrderAsync(3));
        Assert.Equal(HttpStatusCode.Created, await OrderAsync(2));
    }

    [Fact]
    public async Task When_the_sale_ends_its_unsold_units_go_back_to_ordinary_stock_once()
    {
        var (saleId, productId) = await shop.NewSaleAsync(5, stock: 10);
        var buyers = await shop.NewBuyersAsync(3);
        var client = shop.Anonymous();
        foreach (var b in buyers.Take(2))
            Assert.Equal(HttpStatusCode.Created, (await shop.BuyAsync(client, b, saleId)).Status);

        shop.Clock.Advance(TimeSpan.FromHours(1));
        var late = await shop.BuyAsync(client, buyers[2], saleId);
        var pass = await shop.ReconcileFlashSalesAsync();
        var again = await shop.ReconcileFlashSalesAsync();

        Assert.Equal(FlashSaleAnswers.EndedCode, late.Code);
        Assert.True(pass.Closed >= 1);
        Assert.Equal(0, again.Closed);
        var sale = await shop.SaleAsync(saleId);
        Assert.NotNull(sale.ClosedAt);
        Assert.Equal((2, 3), (sale.Sold, sale.Released));
        var stock = await shop.StockAsync(productId);
        Assert.Equal((10, 2), (stock.OnHand, stock.Reserved)); // only the two orders hold units now
        await AssertRedisAfterTheEndAsync(saleId, 3);
        var admin = await shop.AdminAsync();
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/flash-sales/{saleId}");
        Assert.Equal(("Ended", 2, 3), (view.GetProperty("state").GetString(), view.GetProperty("sold").GetInt32(),
            view.GetProperty("remaining").GetInt32()));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?target={Uri.EscapeDataString($"flash sale {saleId}")}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["flash-sale.closed", "flash-sale.created"], actions);
    }

    protected virtual Task AssertRedisAfterTheEndAsync(Guid saleId, int unsold) => Task.CompletedTask;
}

public sealed class FlashSaleBuyingTests_Sqlite(SqliteShop shop) : FlashSaleBuyingTests(shop), IClassFixture<SqliteShop>;

public sealed class FlashSaleBuyingTests_Postgres(PostgresShop shop) : FlashSaleBuyingTests(shop), IClassFixture<PostgresShop>
{
    private readonly PostgresShop _shop = shop;

    /// <summary>Redis and the database agree after the sale: both say three units were not sold.</summary>
    protected override async Task AssertRedisAfterTheEndAsync(Guid saleId, int unsold) =>
        Assert.Equal(unsold, await _shop.RedisRemainingAsync(saleId));
}
