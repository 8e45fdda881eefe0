using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Carrier = Bazaar.Sandbox.Carrier;
using SandboxKeys = Bazaar.Sandbox.SandboxKeys;

namespace Bazaar.Tests.Shipping;

/// <summary>
/// Shipping orders the way the outside world sees it: an operator ships, the sandbox carrier moves
/// the parcel and pushes signed tracking events; and the tools to post events of our own making.
/// </summary>
public static class Delivering
{
    public static async Task<HttpResponseMessage> ShipAsync(this ShopFactory shop, PlacedOrder order) =>
        await (await shop.AdminAsync()).PostAsync($"/api/v1/admin/orders/{order.Id}/ship", null);

    /// <summary>A paid order an operator shipped; answers its tracking number.</summary>
    public static async Task<(PlacedOrder Order, string Tracking)> ShippedOrderAsync(this ShopFactory shop)
    {
        var order = await shop.PaidOrderAsync();
        var shipped = await shop.ShipAsync(order);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        await shop.DispatchOutboxAsync();
        return (order, (await shipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingNumber").GetString()!);
    }

    /// <summary>The carrier moves the parcel one step and its tracking event reaches the shop.</summary>
    public static async Task AdvanceParcelAsync(this ShopFactory shop, string tracking)
    {
        var advanced = await shop.Services.GetRequiredService<Carrier>().AdvanceAsync(tracking);
        Assert.Equal(Bazaar.Sandbox.AdvanceOutcome.Advanced, advanced.Outcome);
        await shop.DeliverCallbacksAsync();
    }

    /// <summary>A shipped order whose parcel the carrier delivered, every event received and the outbox run.</summary>
    public static async Task<(PlacedOrder Order, string Tracking)> DeliveredOrderAsync(this ShopFactory shop)
    {
        var (order, tracking) = await shop.ShippedOrderAsync();
        while (shop.Services.GetRequiredService<Carrier>().Find(tracking)!.Status != Bazaar.Sandbox.ParcelStatus.Delivered)
        {
            shop.Clock.Advance(TimeSpan.FromMinutes(10)); // a parcel's day in minutes: the customer's hour-long token must last
            await shop.AdvanceParcelAsync(tracking);
        }
        await shop.DispatchOutboxAsync();
        return (order, tracking);
    }

    /// <summary>The order's parcel and timeline as its customer sees them.</summary>
    public static Task<JsonElement> ShipmentAsync(this PlacedOrder order) =>
        order.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.Id}/shipment");

    public static async Task<List<string>> TimelineAsync(this PlacedOrder order) =>
        (await order.ShipmentAsync()).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()!).ToList();

    public static Task<int> TrackingEventsRecordedAsync(this ShopFactory shop, string tracking) =>
        shop.WithDbAsync(async db =>
        {
            var shipmentId = await db.Set<Bazaar.Shipping.Shipment>().Where(s => s.TrackingNumber == tracking).Select(s => s.Id).SingleAsync();
            return await db.Set<Bazaar.Shipping.TrackingEvent>().CountAsync(e => e.ShipmentId == shipmentId);
        });

    /// <summary>A tracking event body as the carrier writes it.</summary>
    public static byte[] CarrierEvent(string tracking, string status, DateTimeOffset occurredAt, string? eventId = null) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId = eventId ?? "E" + Guid.NewGuid().ToString("N")[..20],
            trackingNumber = tracking,
            reference = "",
            status,
            occurredAt = Bazaar.Sandbox.Wire.Time(occurredAt),
            location = "上海转运中心",
            description = "posted by a test",
        });

    /// <summary>Seconds since the epoch on the shop's clock, as X-Carrier-Timestamp carries them.</summary>
    public static long CarrierNow(this ShopFactory shop) => shop.Clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Signed with the carrier's secret over "timestamp.body", as the carrier signs.</summary>
    public static string CarrierSignature(this ShopFactory shop, long timestamp, byte[] body) =>
        shop.Services.GetRequiredService<SandboxKeys>().SignCarrier(timestamp, body);

    /// <summary>Posts raw bytes to the carrier callback with whatever headers are given (null leaves one out).</summary>
    public static Task<HttpResponseMessage> PostCarrierEventAsync(this ShopFactory shop, byte[] body, long? timestamp, string? signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/shipping/carrier-events") { Content = content };
        if (timestamp is { } t)
            request.Headers.Add("X-Carrier-Timestamp", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (signature is not null)
            request.Headers.Add("X-Carrier-Signature", signature);
        return shop.Anonymous().SendAsync(request);
    }

    /// <summary>Posts an event signed now, correctly: what the carrier would send.</summary>
    public static Task<HttpResponseMessage> PostSignedCarrierEventAsync(this ShopFactory shop, byte[] body)
    {
        var now = shop.CarrierNow();
        return shop.PostCarrierEventAsync(body, now, shop.CarrierSignature(now, body));
    }
}
