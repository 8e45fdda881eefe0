using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Gateway = Bazaar.Sandbox.Gateway;

namespace Bazaar.Tests.Payments;

/// <summary>A customer pays an order through the gateway: for the stored total, once, only their own, only while unpaid.</summary>
public abstract class PayOrderTests(ShopFactory shop)
{
    private int PaymentsAtGatewayFor(string orderNumber) =>
        shop.Services.GetRequiredService<Gateway>().Payments().Count(p => p.OrderNumber == orderNumber);

    [Fact]
    public async Task Paying_opens_a_gateway_payment_for_the_total_stored_with_the_order()
    {
        var order = await shop.UnpaidOrderAsync(quantity: 3, price: 12.35m);

        var response = await order.StartPaymentAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = body.GetProperty("paymentId").GetGuid();
        var atGateway = shop.AtGateway(paymentId);
        Assert.NotNull(atGateway);
        Assert.Equal(order.Total, atGateway.Amount);
        Assert.Equal(order.Number, atGateway.OrderNumber);
        Assert.Equal(atGateway.PaymentId, new Uri(body.GetProperty("payUrl").GetString()!).Segments[^1]);
        Assert.Equal(Bazaar.Sandbox.PaymentStatus.Pending, atGateway.Status);
    }

    [Fact]
    public async Task Once_the_gateway_says_paid_the_order_is_paid_and_its_held_stock_is_sold()
    {
        var order = await shop.UnpaidOrderAsync(stock: 10, quantity: 3);
        var paymentId = await order.StartedPaymentAsync();
        Assert.Equal((OnHand: 10, Reserved: 3), await shop.StockOfAsync(order));

        shop.ShopperSettles(paymentId);
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();

        Assert.Equal("Paid", await order.StatusAsync());
        Assert.Equal((OnHand: 7, Reserved: 0), await shop.StockOfAsync(order));
        Assert.Equal("Succeeded", (await order.PaymentAsync()).GetProperty("status").GetString());
        shop.AssertAllAcknowledged(paymentId);
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_and_opens_nothing_at_the_gateway()
    {
        var order = await shop.UnpaidOrderAsync();
        var (stranger, _) = await shop.CustomerWithAddressAsync();

        var response = await stranger.PostAsync($"/api/v1/orders/{order.Id}/payments", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, PaymentsAtGatewayFor(order.Number));
    }

    [Fact]
    public async Task A_paid_order_cannot_be_paid_again()
    {
        var order = await shop.PaidOrderAsync();

        var again = await order.StartPaymentAsync();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, PaymentsAtGatewayFor(order.Number));
    }

    [Fact]
    public async Task Pressing_pay_twice_before_paying_answers_the_same_payment()
    {
        var order = await shop.UnpaidOrderAsync();

        var first = await (await order.StartPaymentAsync()).Content.ReadFromJsonAsync<JsonElement>();
        var second = await order.StartPaymentAsync();

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("paymentId").GetGuid(), again.GetProperty("paymentId").GetGuid());
        Assert.Equal(first.GetProperty("payUrl").GetString(), again.GetProperty("payUrl").GetString());
        Assert.Equal(1, PaymentsAtGatewayFor(order.Number));
        Assert.Equal(1, (await order.PaymentAsync()).GetProperty("attempts").GetArrayLength());
    }
}

public sealed class PayOrderTests_Sqlite(SqliteShop shop) : PayOrderTests(shop), IClassFixture<SqliteShop>;
public sealed class PayOrderTests_Postgres(PostgresShop shop) : PayOrderTests(shop), IClassFixture<PostgresShop>;
