using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Carrier = Bazaar.Sandbox.Carrier;

namespace Bazaar.Tests.Shipping;

/// <summary>An operator ships a paid order: one parcel, however often "ship" is pressed, and none for an unpaid order.</summary>
public abstract class ShipOrderTests(ShopFactory shop)
{
    private int ParcelsFor(PlacedOrder order) =>
        shop.Services.GetRequiredService<Carrier>().Parcels().Count(p => p.OrderNumber == order.Number);

    private static async Task<string> TrackingOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingNumber").GetString()!;

    [Fact]
    public async Task Shipping_a_paid_order_books_a_parcel_and_shipping_it_again_answers_the_same_one()
    {
        var order = await shop.PaidOrderAsync();

        var first = await shop.ShipAsync(order);
        var again = await shop.ShipAsync(order);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var tracking = await TrackingOf(first);
        Assert.Equal(tracking, await TrackingOf(again));
        Assert.Equal("Shipped", await order.StatusAsync());
        var parcel = shop.Services.GetRequiredService<Carrier>().Find(tracking);
        Assert.NotNull(parcel);
        Assert.Equal(order.Number, parcel.OrderNumber);
        Assert.Equal(1, ParcelsFor(order));
        Assert.Equal(tracking, (await order.ShipmentAsync()).GetProperty("trackingNumber").GetString());
    }

    [Fact]
    public async Task An_unpaid_order_cannot_be_shipped()
    {
        var order = await shop.UnpaidOrderAsync();

        var response = await shop.ShipAsync(order);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, ParcelsFor(order));
        Assert.Equal("PendingPayment", await order.StatusAsync());
    }

    [Fact]
    public async Task With_the_carrier_down_shipping_is_a_503_and_the_order_stays_paid_until_it_is_back()
    {
        var order = await shop.PaidOrderAsync();
        var admin = await shop.AdminAsync();

        shop.PartnersDown = true;
        HttpResponseMessage down;
        try
        {
            down = await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/ship", null);
        }
        finally
        {
            shop.PartnersDown = false;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.NotNull(down.Headers.RetryAfter);
        Assert.Equal("Paid", await order.StatusAsync());
        Assert.Equal(0, ParcelsFor(order));

        var back = await admin.PostAsync($"/api/v1/admin/orders/{order.Id}/ship", null);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("Shipped", await order.StatusAsync());
        Assert.Equal(1, ParcelsFor(order));
    }

    [Fact]
    public async Task Another_customers_shipment_is_a_404()
    {
        var (order, _) = await shop.ShippedOrderAsync();
        var (stranger, _) = await shop.CustomerWithAddressAsync();

        var response = await stranger.GetAsync($"/api/v1/orders/{order.Id}/shipment");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await order.Customer.GetAsync($"/api/v1/orders/{order.Id}/shipment")).StatusCode);
    }
}

public sealed class ShipOrderTests_Sqlite(SqliteShop shop) : ShipOrderTests(shop), IClassFixture<SqliteShop>;
public sealed class ShipOrderTests_Postgres(PostgresShop shop) : ShipOrderTests(shop), IClassFixture<PostgresShop>;
