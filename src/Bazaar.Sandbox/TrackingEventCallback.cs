using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Bazaar.Sandbox;

/// <summary>A tracking event on the wire: JSON body, HMAC-SHA256 over "timestamp.body" in the headers.</summary>
internal static class TrackingEventCallback
{
    public const string TimestampHeader = "X-Carrier-Timestamp";
    public const string SignatureHeader = "X-Carrier-Signature";

    public static byte[] Body(Parcel parcel, TrackingEvent trackingEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId = trackingEvent.EventId,
            trackingNumber = parcel.TrackingNumber,
            reference = parcel.Reference,
            status = trackingEvent.Status.Wire(),
            occurredAt = Wire.Time(trackingEvent.OccurredAt),
            location = trackingEvent.Location,
            description = trackingEvent.Description,
        }, Wire.Json);

    public static Callback For(Parcel parcel, TrackingEvent trackingEvent, SandboxKeys keys)
    {
        // The body is fixed once; each try gets a fresh timestamp and so a fresh signature, as a
        // receiver that rejects stale timestamps expects.
        var body = Body(parcel, trackingEvent);
        return new Callback(trackingEvent.EventId, CallbackKind.TrackingEvent, parcel.TrackingNumber, parcel.CallbackUrl,
            at =>
            {
                var timestamp = at.ToUnixTimeSeconds();
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var request = new HttpRequestMessage(HttpMethod.Post, parcel.CallbackUrl) { Content = content };
                request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add(SignatureHeader, keys.SignCarrier(timestamp, body));
                return request;
            },
            (status, _) => (int)status is >= 200 and < 300);
    }
}
