using Bazaar.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bazaar.Tests.Shipping;

/// <summary>The parcel's journey as the customer follows it, and the order moving with it to delivered and completed.</summary>
public abstract class TrackingTests(ShopFactory shop)
{
    [Fact]
    public async Task Each_step_of_the_carrier_shows_in_the_timeline_in_order_and_delivery_makes_the_order_delivered()
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        Assert.Empty(await order.TimelineAsync());

        await shop.AdvanceParcelAsync(tracking);
        await shop.DispatchOutboxAsync();
        Assert.Equal(["picked_up"], await order.TimelineAsync());
        Assert.Equal("Shipped", await order.StatusAsync());

        for (var step = 0; step < 3; step++)
        {
            shop.Clock.Advance(TimeSpan.FromMinutes(10));
            await shop.AdvanceParcelAsync(tracking);
        }
        await shop.DispatchOutboxAsync();

        Assert.Equal(["picked_up", "in_transit", "out_for_delivery", "delivered"], await order.TimelineAsync());
        Assert.Equal("delivered", (await order.ShipmentAsync()).GetProperty("status").GetString());
        Assert.Equal("Delivered", await order.StatusAsync());
        shop.AssertAllAcknowledged(tracking);
    }

    [Fact]
    public async Task A_delivered_order_completes_by_itself_once_the_complaint_window_has_closed()
    {
        var (order, _) = await shop.DeliveredOrderAsync();
        var window = shop.Services.GetRequiredService<IOptions<OrderingOptions>>().Value.AutoCompleteAfter;
        var complete = shop.Services.GetRequiredService<CompleteDeliveredOrders>();

        shop.Clock.Advance(window - TimeSpan.FromMinutes(1));
        await complete.RunOnceAsync(default);
        await order.Shopper.SignInAgainAsync(); // a week later: the token has long expired
        Assert.Equal("Delivered", await order.StatusAsync());

        shop.Clock.Advance(TimeSpan.FromMinutes(2));
        await complete.RunOnceAsync(default);
        await order.Shopper.SignInAgainAsync();
        Assert.Equal("Completed", await order.StatusAsync());
    }
}

public sealed class TrackingTests_Sqlite(SqliteShop shop) : TrackingTests(shop), IClassFixture<SqliteShop>;
public sealed class TrackingTests_Postgres(PostgresShop shop) : TrackingTests(shop), IClassFixture<PostgresShop>;
