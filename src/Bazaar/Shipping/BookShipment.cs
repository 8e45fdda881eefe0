using Bazaar.Platform.Data;
using Bazaar.Platform.Partners;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Shipping;

/// <summary>
/// Books an order's parcel. The shipment row is saved first (one per order, a unique index), then
/// the carrier is called with its id as the reference; the carrier dedupes on it, so pressing
/// "ship" twice, a retry after a timeout, or two operators at once all end at one parcel.
/// </summary>
public sealed class BookShipment(ShopDb db, CarrierClient carrier, TimeProvider clock, ILogger<BookShipment> log)
{
    public async Task<Result<ShipmentView>> HandleAsync(ShipmentRequest request, string by, CancellationToken ct)
    {
        var shipment = await db.Set<Shipment>().SingleOrDefaultAsync(s => s.OrderId == request.OrderId, ct);
        if (shipment is null)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            shipment = new Shipment
            {
                Id = Guid.CreateVersion7(), OrderId = request.OrderId, OrderNumber = request.OrderNumber,
                Status = ShipmentStatus.Requested, RequestedBy = by, RequestedAt = now, UpdatedAt = now,
            };
            db.Add(shipment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another operator's request created it a moment ago: carry on with theirs.
                db.ChangeTracker.Clear();
                shipment = await db.Set<Shipment>().SingleAsync(s => s.OrderId == request.OrderId, ct);
            }
        }
        if (shipment.TrackingNumber is null)
        {
            string tracking;
            try
            {
                tracking = await carrier.BookAsync(shipment, request, ct);
            }
            catch (Exception e) when (PartnerClients.IsUnavailable(e) || e is PartnerRefusedException)
            {
                log.LogWarning(e, "The carrier did not book the parcel of order {Order}.", request.OrderNumber);
                return new Problem(StatusCodes.Status503ServiceUnavailable, "The carrier is not answering.",
                    "The parcel is not booked yet. Try again in a minute.") { RetryAfter = clock.GetUtcNow().AddSeconds(30) };
            }
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Set<Shipment>().Where(s => s.Id == shipment.Id && s.TrackingNumber == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.TrackingNumber, tracking).SetProperty(s => s.BookedAt, now)
                    .SetProperty(s => s.Status, ShipmentStatus.Booked).SetProperty(s => s.UpdatedAt, now), ct);
        }
        return (await FindShipment.ViewAsync(db, request.OrderId, ct))!;
    }
}

/// <summary>An order's parcel with its timeline, as the customer, the operator and the API see it.</summary>
public static class FindShipment
{
    public static async Task<ShipmentView?> ViewAsync(ShopDb db, Guid orderId, CancellationToken ct)
    {
        var shipment = await db.Set<Shipment>().AsNoTracking().SingleOrDefaultAsync(s => s.OrderId == orderId, ct);
        if (shipment is null)
            return null;
        var events = (await db.Set<TrackingEvent>().AsNoTracking().Where(e => e.ShipmentId == shipment.Id).ToListAsync(ct))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new TrackingEventView(Name(e.Status), e.OccurredAt, e.Location, e.Description)).ToList();
        return new ShipmentView(shipment.Id, shipment.OrderId, shipment.Carrier, shipment.TrackingNumber, Name(shipment.Status),
            shipment.BookedAt, shipment.DeliveredAt, events);
    }

    /// <summary>The carrier's own words (picked_up, in_transit …), the same in the API as on the wire.</summary>
    public static string Name(ShipmentStatus status) => status switch
    {
        ShipmentStatus.Requested => "requested",
        ShipmentStatus.Booked => "booked",
        ShipmentStatus.PickedUp => "picked_up",
        ShipmentStatus.InTransit => "in_transit",
        ShipmentStatus.OutForDelivery => "out_for_delivery",
        _ => "delivered",
    };

    public static ShipmentStatus? Parse(string? name) => name switch
    {
        "picked_up" => ShipmentStatus.PickedUp,
        "in_transit" => ShipmentStatus.InTransit,
        "out_for_delivery" => ShipmentStatus.OutForDelivery,
        "delivered" => ShipmentStatus.Delivered,
        _ => null,
    };
}
