using System.Net;
using System.Text;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Shipping;

/// <summary>
/// The shop records a tracking event only when the carrier signed it just now; a repeat is recorded
/// once, and an event that arrives late is kept without turning the parcel back.
/// </summary>
public abstract class CarrierEventTrustTests(ShopFactory shop)
{
    /// <summary>Even after the outbox ran: no event recorded, the parcel still just booked, the order still shipped.</summary>
    private async Task AssertNothingRecordedAsync(PlacedOrder order, string tracking)
    {
        await shop.DispatchOutboxAsync();
        Assert.Equal(0, await shop.TrackingEventsRecordedAsync(tracking));
        Assert.Equal("booked", (await order.ShipmentAsync()).GetProperty("status").GetString());
        Assert.Equal("Shipped", await order.StatusAsync());
    }

    [Fact]
    public async Task An_event_with_a_wrong_signature_is_a_401_and_nothing_is_recorded()
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Delivering.CarrierEvent(tracking, "delivered", shop.Clock.GetUtcNow());
        var now = shop.CarrierNow();
        var tampered = Delivering.CarrierEvent(tracking, "picked_up", shop.Clock.GetUtcNow());

        // Signed over another body: the signature is the carrier's, the body is not what it signed.
        var response = await shop.PostCarrierEventAsync(body, now, shop.CarrierSignature(now, tampered));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingRecordedAsync(order, tracking);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public async Task An_event_without_its_signature_headers_is_a_401_and_nothing_is_recorded(bool withTimestamp, bool withSignature)
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Delivering.CarrierEvent(tracking, "delivered", shop.Clock.GetUtcNow());
        var now = shop.CarrierNow();

        var response = await shop.PostCarrierEventAsync(body, withTimestamp ? now : null,
            withSignature ? shop.CarrierSignature(now, body) : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingRecordedAsync(order, tracking);
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task A_correctly_signed_event_stamped_six_minutes_off_is_a_401_and_nothing_is_recorded(int minutes)
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Delivering.CarrierEvent(tracking, "delivered", shop.Clock.GetUtcNow());
        var stamped = shop.Clock.GetUtcNow().AddMinutes(minutes).ToUnixTimeSeconds();

        var response = await shop.PostCarrierEventAsync(body, stamped, shop.CarrierSignature(stamped, body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingRecordedAsync(order, tracking);
    }

    [Fact]
    public async Task The_same_event_twice_is_acknowledged_both_times_and_recorded_once()
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Delivering.CarrierEvent(tracking, "picked_up", shop.Clock.GetUtcNow());

        var first = await shop.PostSignedCarrierEventAsync(body);
        shop.Clock.Advance(TimeSpan.FromSeconds(2)); // the carrier's retry: same body, fresh timestamp
        var again = await shop.PostSignedCarrierEventAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await shop.TrackingEventsRecordedAsync(tracking));
        Assert.Equal(["picked_up"], await order.TimelineAsync());
    }

    [Fact]
    public async Task An_in_transit_event_arriving_after_delivered_is_kept_in_the_timeline_without_undoing_delivery()
    {
        var (order, tracking) = await shop.DeliveredOrderAsync();
        Assert.Equal("Delivered", await order.StatusAsync());
        var events = await shop.TrackingEventsRecordedAsync(tracking);
        // A leg the carrier reported late: it happened before the delivery, it arrives after.
        var lateLeg = Delivering.CarrierEvent(tracking, "in_transit", shop.Clock.GetUtcNow().AddMinutes(-15));

        var response = await shop.PostSignedCarrierEventAsync(lateLeg);
        await shop.DispatchOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(events + 1, await shop.TrackingEventsRecordedAsync(tracking));
        var timeline = await order.TimelineAsync();
        Assert.Equal(2, timeline.Count(s => s == "in_transit"));
        Assert.Equal("delivered", timeline[^1]); // in time order, the delivery is still the last thing that happened
        Assert.Equal("delivered", (await order.ShipmentAsync()).GetProperty("status").GetString());
        Assert.Equal("Delivered", await order.StatusAsync());
    }

    [Fact]
    public async Task A_correctly_signed_event_for_a_parcel_we_never_booked_is_a_404()
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Delivering.CarrierEvent("SB" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999), "delivered",
            shop.Clock.GetUtcNow());

        var response = await shop.PostSignedCarrierEventAsync(body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await AssertNothingRecordedAsync(order, tracking);
    }

    [Fact]
    public async Task A_correctly_signed_body_that_is_not_json_is_a_400()
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        var body = Encoding.UTF8.GetBytes($"{{\"eventId\":\"E1\",\"trackingNumber\":\"{tracking}\",\"status\":\"delivered\"");

        var response = await shop.PostSignedCarrierEventAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertNothingRecordedAsync(order, tracking);
    }
}

public sealed class CarrierEventTrustTests_Sqlite(SqliteShop shop) : CarrierEventTrustTests(shop), IClassFixture<SqliteShop>;
public sealed class CarrierEventTrustTests_Postgres(PostgresShop shop) : CarrierEventTrustTests(shop), IClassFixture<PostgresShop>;
