using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Inventory;

/// <summary>Every change to a product's stock is in its history, and the history adds up to the shelf.</summary>
public abstract class StockHistoryTests(ShopFactory shop)
{
    private async Task<Guid> PlaceAsync(Guid customerId, Guid addressId, int productId, int quantity)
    {
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
            new PlaceOrderRequest([new OrderItemRequest(productId, quantity)], addressId), Guid.NewGuid().ToString(), false, default));
        Assert.True(placed.Succeeded);
        return placed.Value!.Id;
    }

    private Task<Bazaar.Platform.Web.Result<OrderStatus>> MoveAsync(Guid orderId, OrderStatus to) =>
        shop.WithScopeAsync(sp => sp.GetRequiredService<ChangeOrderStatus>().HandleAsync(orderId, to, "test", null, null, default));

    [Fact]
    public async Task Reservations_sales_releases_returns_and_adjustments_add_up_to_what_is_on_the_shelf()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var (customerId, addressId) = (await shop.NewCustomersAsync(1))[0];
        var sold = await PlaceAsync(customerId, addressId, productId, 3);
        var cancelled = await PlaceAsync(customerId, addressId, productId, 2);
        Assert.True((await MoveAsync(sold, OrderStatus.Paid)).Succeeded);
        Assert.True((await MoveAsync(cancelled, OrderStatus.Cancelled)).Succeeded);
        await shop.WithScopeAsync(sp => sp.GetRequiredService<IInventory>().ReturnAsync(sold, default));
        var admin = await shop.AdminAsync();
        var adjusted = await admin.PostAsJsonAsync($"/api/v1/admin/products/{productId}/stock/adjustments", new { change = -4, reason = "water damage" });
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);

        var body = await (await admin.GetAsync($"/api/v1/admin/products/{productId}/stock")).Content.ReadFromJsonAsync<JsonElement>();
        var movements = body.GetProperty("movements").EnumerateArray().ToList();
        var stock = body.GetProperty("stock");

        Assert.Equal(["Adjusted", "Returned", "Released", "Sold", "Reserved", "Reserved", "Adjusted"],
            movements.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(6, stock.GetProperty("onHand").GetInt32()); // 10 - 3 sold + 3 back - 4 damaged
        Assert.Equal(stock.GetProperty("onHand").GetInt32(), movements.Sum(m => m.GetProperty("onHandChange").GetInt32()));
        Assert.Equal(stock.GetProperty("reserved").GetInt32(), movements.Sum(m => m.GetProperty("reservedChange").GetInt32()));
        Assert.Equal("water damage", movements[0].GetProperty("reason").GetString());
        Assert.Equal("admin", movements[0].GetProperty("by").GetString());
    }

    [Fact]
    public async Task An_adjustment_below_what_is_reserved_or_without_a_reason_is_refused_and_changes_nothing()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (customerId, addressId) = (await shop.NewCustomersAsync(1))[0];
        await PlaceAsync(customerId, addressId, productId, 4);
        var admin = await shop.AdminAsync();

        var below = await admin.PostAsJsonAsync($"/api/v1/admin/products/{productId}/stock/adjustments", new { change = -2, reason = "count" });
        var noReason = await admin.PostAsJsonAsync($"/api/v1/admin/products/{productId}/stock/adjustments", new { change = 5 });
        var (customer, _, _) = await shop.NewCustomerAsync();
        var byCustomer = await customer.PostAsJsonAsync($"/api/v1/admin/products/{productId}/stock/adjustments", new { change = 5, reason = "x" });

        await Catalog.CatalogApi.AssertFieldErrorAsync(below, "change");
        await Catalog.CatalogApi.AssertFieldErrorAsync(noReason, "reason");
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        var stock = await shop.StockAsync(productId);
        Assert.Equal(5, stock.OnHand);
        Assert.Equal(4, stock.Reserved);
    }
}

public sealed class StockHistoryTests_Sqlite(SqliteShop shop) : StockHistoryTests(shop), IClassFixture<SqliteShop>;
public sealed class StockHistoryTests_Postgres(PostgresShop shop) : StockHistoryTests(shop), IClassFixture<PostgresShop>;
