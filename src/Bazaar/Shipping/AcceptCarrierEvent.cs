using System.Text.Json;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Shipping;

/// <summary>What the shop answers the carrier: any 2xx stops its retries.</summary>
public sealed record CarrierAnswer(int Status, string Detail);

/// <summary>
/// A tracking event pushed by the carrier. The HMAC over timestamp and raw body, and the timestamp's
/// freshness, are checked before the body is even parsed. The event id is unique, so a repeat is
/// acknowledged and changes nothing; the parcel's status only moves forward, so an event that
/// arrives late is kept in the timeline without undoing a later one; "delivered" raises
/// ShipmentDelivered once, in the same transaction.
/// </summary>
public sealed class AcceptCarrierEvent(ShopDb db, CarrierSignature signature, IOutbox outbox, TimeProvider clock,
    ILogger<AcceptCarrierEvent> log)
{
    public const int MaxBody = 8 * 1024;

    public async Task<CarrierAnswer> HandleAsync(string? timestamp, string? sign, byte[] body, CancellationToken ct)
    {
        switch (signature.Check(timestamp, sign, body))
        {
            case CarrierCheck.Unsigned: return Refuse(StatusCodes.Status401Unauthorized, "missing or malformed signature headers");
            case CarrierCheck.BadSignature: return Refuse(StatusCodes.Status401Unauthorized, "bad signature");
            case CarrierCheck.Stale: return Refuse(StatusCodes.Status401Unauthorized, "timestamp outside the allowed window");
        }

        CarrierEventBody? e;
        try
        {
            e = JsonSerializer.Deserialize<CarrierEventBody>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return Refuse(StatusCodes.Status400BadRequest, "body is not JSON");
        }
        var status = FindShipment.Parse(e?.Status);
        if (e is null || status is null || string.IsNullOrEmpty(e.EventId) || e.EventId.Length > 64 || string.IsNullOrEmpty(e.TrackingNumber))
            return Refuse(StatusCodes.Status400BadRequest, "eventId, trackingNumber and a known status are required");

        var shipment = await db.Set<Shipment>().AsNoTracking().SingleOrDefaultAsync(s => s.TrackingNumber == e.TrackingNumber, ct);
        if (shipment is null)
            return Refuse(StatusCodes.Status404NotFound, "unknown tracking number");
        if (await db.Set<TrackingEvent>().AnyAsync(t => t.EventId == e.EventId, ct))
            return new CarrierAnswer(StatusCodes.Status200OK, "duplicate ignored");

        var now = clock.GetUtcNow().UtcDateTime;
        var occurredAt = e.OccurredAt?.UtcDateTime ?? now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(new TrackingEvent
        {
            ShipmentId = shipment.Id, EventId = e.EventId, Status = status.Value, OccurredAt = occurredAt,
            Location = Clip(e.Location, 200), Description = Clip(e.Description, 500), ReceivedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new CarrierAnswer(StatusCodes.Status200OK, "duplicate ignored");
        }

        var earlier = Shipment.Before(status.Value);
        DateTime? deliveredAt = status == ShipmentStatus.Delivered ? occurredAt : null;
        var moved = await db.Set<Shipment>().Where(s => s.Id == shipment.Id && earlier.Contains(s.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status.Value).SetProperty(s => s.UpdatedAt, now)
                .SetProperty(s => s.DeliveredAt, s => deliveredAt ?? s.DeliveredAt), ct) == 1;
        if (moved && status == ShipmentStatus.Delivered)
        {
            outbox.Raise(new ShipmentDelivered(shipment.Id, shipment.OrderId, e.TrackingNumber, occurredAt));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new CarrierAnswer(StatusCodes.Status200OK, "recorded");
    }

    private static string Clip(string? text, int max) => text is null ? "" : text.Length > max ? text[..max] : text;

    private CarrierAnswer Refuse(int status, string why)
    {
        log.LogWarning("Refused a carrier event: {Reason}.", why);
        return new CarrierAnswer(status, why);
    }

    private sealed record CarrierEventBody(string? EventId, string? TrackingNumber, string? Reference, string? Status,
        DateTimeOffset? OccurredAt, string? Location, string? Description);
}
