namespace Bazaar.Shipping;

/// <summary>Where a parcel is; it only ever moves forward, whatever order the carrier's events arrive in.</summary>
public enum ShipmentStatus { Requested, Booked, PickedUp, InTransit, OutForDelivery, Delivered }

/// <summary>
/// The parcel of one order. The row exists before the carrier is called (status Requested), and its
/// id is the reference the carrier dedupes bookings on, so a retried booking never books two parcels.
/// </summary>
public sealed class Shipment
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public string Carrier { get; set; } = "sandbox";
    public string? TrackingNumber { get; set; }
    public ShipmentStatus Status { get; set; }
    public string RequestedBy { get; set; } = "";
    public DateTime RequestedAt { get; set; }
    public DateTime? BookedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Statuses a shipment in <paramref name="status"/> may still move to.</summary>
    public static ShipmentStatus[] Before(ShipmentStatus status) => Enum.GetValues<ShipmentStatus>().Where(s => s < status).ToArray();
}

/// <summary>One event the carrier reported; its id is unique, so a repeat is recorded once.</summary>
public sealed class TrackingEvent
{
    public long Id { get; set; }
    public Guid ShipmentId { get; set; }
    public string EventId { get; set; } = "";
    public ShipmentStatus Status { get; set; }
    public DateTime OccurredAt { get; set; }
    public string Location { get; set; } = "";
    public string Description { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}
