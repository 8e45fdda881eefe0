using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Bazaar.Tests.Shipping;

namespace Bazaar.Tests.Admin;

/// <summary>What an operator does to an order (cancel, ship, refund) is allowed by its state and goes on the record.</summary>
public abstract class OrderActionsTests(ShopFactory shop)
{
    private async Task<List<JsonElement>> AuditOfAsync(string number)
    {
        var admin = await shop.AdminAsync();
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/audit?target={Uri.EscapeDataString("order " + number)}");
        return body.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task An_operator_cancels_an_unpaid_order_with_a_reason_and_its_stock_comes_back()
    {
        var order = await shop.UnpaidOrderAsync(stock: 10, quantity: 3);
        var admin = await shop.AdminAsync();

        var noReason = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/cancel", new { });
        var cancelled = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/cancel", new { reason = "customer phoned: wrong size" });

        await Catalog.CatalogApi.AssertFieldErrorAsync(noReason, "reason");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", await order.StatusAsync());
        Assert.Equal((10, 0), await shop.StockOfAsync(order));
        var audit = await AuditOfAsync(order.Number);
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "order.cancelled");
        Assert.Equal("customer phoned: wrong size", entry.GetProperty("details").GetString());
        Assert.Equal("admin", entry.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_paid_order_cannot_be_cancelled_it_is_shipped_and_refunded_on_the_record()
    {
        var order = await shop.PaidOrderAsync();
        var admin = await shop.AdminAsync();

        var cancel = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/cancel", new { reason = "changed mind" });
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shop.ShipAsync(order)).StatusCode);
        var refund = await admin.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/refunds", new { amount = 10m, reason = "late delivery" });
        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);

        var actions = (await AuditOfAsync(order.Number)).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["order.refunded", "order.shipped"], actions);
        Assert.Equal("Shipped", await order.StatusAsync());
    }
}

public sealed class OrderActionsTests_Sqlite(SqliteShop shop) : OrderActionsTests(shop), IClassFixture<SqliteShop>;
public sealed class OrderActionsTests_Postgres(PostgresShop shop) : OrderActionsTests(shop), IClassFixture<PostgresShop>;
