using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Payments;

/// <summary>
/// An operator gives money back: never more than was paid, with a reason, on a paid order only;
/// a full refund closes the order once the gateway confirms it, and returned goods go back on the shelf once.
/// </summary>
public abstract class RefundTests(ShopFactory shop)
{
    private Task<HttpResponseMessage> RefundAsync(HttpClient caller, PlacedOrder order, object body) =>
        caller.PostAsJsonAsync($"/api/v1/admin/orders/{order.Id}/refunds", body);

    /// <summary>What the gateway says it gave back on the order's payment.</summary>
    private async Task<decimal?> RefundedAtGatewayAsync(PlacedOrder order)
    {
        var paymentId = (await order.PaymentAsync()).GetProperty("attempts")[0].GetProperty("id").GetGuid();
        return shop.AtGateway(paymentId)?.RefundedAmount;
    }

    [Fact]
    public async Task A_partial_refund_gives_that_much_back_and_the_paid_order_stays_paid()
    {
        var order = await shop.PaidOrderAsync(quantity: 2, price: 50m);
        var admin = await shop.AdminAsync();

        var response = await RefundAsync(admin, order, new { amount = 30.00m, reason = "scratched box" });
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refund");
        Assert.Equal("Succeeded", refund.GetProperty("status").GetString());
        Assert.Equal(30.00m, refund.GetProperty("amount").GetDecimal());
        Assert.Equal(30.00m, await RefundedAtGatewayAsync(order));
        Assert.Equal(30.00m, (await order.PaymentAsync()).GetProperty("refunded").GetDecimal());
        Assert.Equal("Paid", await order.StatusAsync());
    }

    [Fact]
    public async Task A_partial_refund_of_a_shipped_order_leaves_it_shipped()
    {
        var order = await shop.PaidOrderAsync(quantity: 2, price: 50m);
        var admin = await shop.AdminAsync();
        (await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/ship", null)).EnsureSuccessStatusCode();
        await shop.DispatchOutboxAsync();

        var response = await RefundAsync(admin, order, new { amount = 10.00m, reason = "late delivery" });
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(10.00m, await RefundedAtGatewayAsync(order));
        Assert.Equal("Shipped", await order.StatusAsync());
    }

    [Fact]
    public async Task More_than_what_is_left_is_a_409_and_nothing_more_goes_back()
    {
        var order = await shop.PaidOrderAsync(quantity: 2, price: 50m);
        var admin = await shop.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await RefundAsync(admin, order, new { amount = 30.00m, reason = "scratched" })).StatusCode);

        var callsBefore = shop.OutgoingCalls;
        var tooMuch = await RefundAsync(admin, order, new { amount = order.Total - 30.00m + 0.01m, reason = "again" });

        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        // The shop's own ceiling refused it; the gateway's refusal is a second line, not the one relied on.
        Assert.Equal(callsBefore, shop.OutgoingCalls);
        Assert.Equal(30.00m, await RefundedAtGatewayAsync(order));
        Assert.Equal(30.00m, (await order.PaymentAsync()).GetProperty("refunded").GetDecimal());
    }

    [Fact]
    public async Task A_full_refund_gives_everything_back_and_closes_the_order_once_the_gateway_confirms()
    {
        var order = await shop.PaidOrderAsync(quantity: 2, price: 50m);
        var admin = await shop.AdminAsync();

        var response = await RefundAsync(admin, order, new { reason = "customer changed their mind" });
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(order.Total, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refund").GetProperty("amount").GetDecimal());
        Assert.Equal(order.Total, await RefundedAtGatewayAsync(order));
        Assert.Equal("Refunded", await order.StatusAsync());
        shop.AssertAllAcknowledged((await order.PaymentAsync()).GetProperty("attempts")[0].GetProperty("id").GetGuid());
        // Nothing is left to give back.
        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(admin, order, new { reason = "once more" })).StatusCode);
        Assert.Equal(order.Total, await RefundedAtGatewayAsync(order));
    }

    [Fact]
    public async Task Returned_goods_go_back_on_the_shelf_once_however_many_refunds_say_so()
    {
        var order = await shop.PaidOrderAsync(stock: 10, quantity: 2, price: 50m);
        var admin = await shop.AdminAsync();
        Assert.Equal((OnHand: 8, Reserved: 0), await shop.StockOfAsync(order));

        var first = await RefundAsync(admin, order, new { amount = 20.00m, reason = "returned", restock = true });
        var second = await RefundAsync(admin, order, new { amount = 20.00m, reason = "returned, second part", restock = true });
        var rest = await RefundAsync(admin, order, new { reason = "returned, the rest", restock = true });
        var repeat = await RefundAsync(admin, order, new { reason = "returned, pressed again", restock = true });

        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitsReturned").GetInt32());
        Assert.Equal(0, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitsReturned").GetInt32());
        Assert.Equal(0, (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitsReturned").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal((OnHand: 10, Reserved: 0), await shop.StockOfAsync(order));
    }

    [Fact]
    public async Task An_unpaid_order_has_nothing_to_refund()
    {
        var order = await shop.UnpaidOrderAsync();
        await order.StartedPaymentAsync();
        var admin = await shop.AdminAsync();

        var response = await RefundAsync(admin, order, new { reason = "no reason to" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0m, await RefundedAtGatewayAsync(order));
    }

    [Fact]
    public async Task A_refund_without_a_reason_is_a_400_naming_the_field_and_gives_nothing_back()
    {
        var order = await shop.PaidOrderAsync();
        var admin = await shop.AdminAsync();

        var response = await RefundAsync(admin, order, new { amount = 10.00m });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());
        Assert.Equal(0m, await RefundedAtGatewayAsync(order));
    }

    [Fact]
    public async Task A_customer_cannot_refund_their_own_order()
    {
        var order = await shop.PaidOrderAsync();

        var response = await RefundAsync(order.Customer, order, new { reason = "I want my money", restock = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0m, await RefundedAtGatewayAsync(order));
        Assert.Equal("Paid", await order.StatusAsync());
    }
}

public sealed class RefundTests_Sqlite(SqliteShop shop) : RefundTests(shop), IClassFixture<SqliteShop>;
public sealed class RefundTests_Postgres(PostgresShop shop) : RefundTests(shop), IClassFixture<PostgresShop>;
