using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.FlashSales;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.FlashSales;

/// <summary>Bad input is a 400 or 404 naming what is wrong, never a 500; only operators create sales, only customers buy.</summary>
public abstract class FlashSaleRulesTests(ShopFactory shop)
{
    private async Task<HttpResponseMessage> CreateAsync(object body) =>
        await (await shop.AdminAsync()).PostAsJsonAsync("/api/v1/admin/flash-sales", body);

    [Fact]
    public async Task A_sale_an_operator_gets_wrong_is_refused_field_by_field()
    {
        var productId = await shop.NewProductAsync(stock: 10, price: FlashShopping.ListPrice);
        var now = shop.Clock.GetUtcNow();

        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { price = 9.9m, quantity = 1 }), "productId");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId = 999_999, price = 9.9m, quantity = 1 }), "productId");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 0m, quantity = 1 }), "price");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.999m, quantity = 1 }), "price");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = FlashShopping.ListPrice, quantity = 1 }), "price");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.9m, quantity = 0 }), "quantity");
        var tooMany = await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.9m, quantity = 11 }), "quantity");
        Assert.Contains("Only 10", tooMany[0]);
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.9m, quantity = 1, startsAt = now.AddHours(-1) }), "startsAt");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.9m, quantity = 1, startsAt = now.AddHours(1), endsAt = now }), "endsAt");
        await CatalogApi.AssertFieldErrorAsync(await CreateAsync(new { productId, price = 9.9m, quantity = 1, endsAt = now.AddDays(30) }), "endsAt");
        var malformed = await (await shop.AdminAsync()).PostAsync("/api/v1/admin/flash-sales",
            new StringContent("{\"productId\": \"seven\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, (await shop.StockAsync(productId)).Reserved); // nothing was held by any of them
    }

    [Fact]
    public async Task A_sale_lists_and_shows_what_is_sold_and_left()
    {
        var (saleId, productId) = await shop.NewSaleAsync(4, stock: 10);
        var buyer = (await shop.NewBuyersAsync(1))[0];
        Assert.Equal(HttpStatusCode.Created, (await shop.BuyAsync(shop.Anonymous(), buyer, saleId)).Status);
        var admin = await shop.AdminAsync();

        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/flash-sales/{saleId}");
        var all = await admin.GetFromJsonAsync<List<JsonElement>>("/api/v1/admin/flash-sales");

        Assert.Equal((productId, 4, 1, 3, "Live"), (one.GetProperty("productId").GetInt32(), one.GetProperty("quantity").GetInt32(),
            one.GetProperty("sold").GetInt32(), one.GetProperty("remaining").GetInt32(), one.GetProperty("state").GetString()));
        Assert.Equal((FlashShopping.FlashPrice, FlashShopping.ListPrice), (one.GetProperty("price").GetDecimal(), one.GetProperty("listPrice").GetDecimal()));
        Assert.Contains(all!, s => s.GetProperty("id").GetGuid() == saleId);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/flash-sales/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_buy_attempt_with_bad_input_is_a_400_or_404_and_costs_no_unit()
    {
        var (saleId, _) = await shop.NewSaleAsync(2);
        var buyer = (await shop.NewBuyersAsync(1))[0];
        var client = shop.Anonymous();

        var noKey = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{saleId}/orders")
        {
            Content = JsonContent.Create(new { addressId = buyer.AddressId }),
        };
        noKey.Headers.Authorization = new("Bearer", buyer.Token);
        await CatalogApi.AssertFieldErrorAsync(await client.SendAsync(noKey), "idempotencyKey");
        var noAddress = await shop.BuyAsync(client, buyer, saleId, body: new { });
        Assert.Equal((HttpStatusCode.BadRequest, true), (noAddress.Status, noAddress.Body.GetProperty("errors").TryGetProperty("addressId", out _)));
        var strangersAddress = await shop.BuyAsync(client, buyer, saleId, body: new { addressId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, strangersAddress.Status);
        var noSuchSale = await shop.BuyAsync(client, buyer, Guid.NewGuid());
        Assert.Equal(HttpStatusCode.NotFound, noSuchSale.Status);
        var garbage = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{saleId}/orders")
        {
            Content = new StringContent("{\"addressId\": 12", Encoding.UTF8, "application/json"),
        };
        garbage.Headers.Add("Idempotency-Key", "k1");
        garbage.Headers.Authorization = new("Bearer", buyer.Token);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(garbage)).StatusCode);

        // The refused address gave its unit back: both units are still for sale, and this customer may still buy.
        Assert.Equal(0, (await shop.SaleAsync(saleId)).Sold);
        await AssertBothUnitsLeftAsync(saleId);
        Assert.Equal(HttpStatusCode.Created, (await shop.BuyAsync(client, buyer, saleId)).Status);
    }

    protected virtual Task AssertBothUnitsLeftAsync(Guid saleId) => Task.CompletedTask;

    [Fact]
    public async Task Customers_cannot_create_or_see_sales_and_anonymous_visitors_cannot_buy()
    {
        var (saleId, productId) = await shop.NewSaleAsync(2);
        var (customer, addressId) = await shop.CustomerWithAddressAsync();
        var anonymous = shop.Anonymous();
        var body = new { productId, price = 9.9m, quantity = 1 };

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/v1/admin/flash-sales", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/flash-sales")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/admin/flash-sales", body)).StatusCode);
        var buy = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{saleId}/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId }),
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(buy)).StatusCode);
        Assert.Equal(0, (await shop.SaleAsync(saleId)).Sold);
    }
}

public sealed class FlashSaleRulesTests_Sqlite(SqliteShop shop) : FlashSaleRulesTests(shop), IClassFixture<SqliteShop>;

public sealed class FlashSaleRulesTests_Postgres(PostgresShop shop) : FlashSaleRulesTests(shop), IClassFixture<PostgresShop>
{
    private readonly PostgresShop _shop = shop;

    protected override async Task AssertBothUnitsLeftAsync(Guid saleId)
    {
        Assert.Equal(2, await _shop.RedisRemainingAsync(saleId));
        Assert.Empty(await _shop.RedisPendingAsync(saleId));
    }
}
