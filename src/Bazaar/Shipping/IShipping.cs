using Bazaar.Platform;
using Bazaar.Platform.Web;

namespace Bazaar.Shipping;

/// <summary>
/// The Shipping module's public service. Ordering books parcels through it; Shipping never calls
/// Ordering back: a delivered parcel is a ShipmentDelivered event that Ordering handles.
/// </summary>
[ModuleContract]
public interface IShipping
{
    /// <summary>Books the order's parcel with the carrier, or answers the one already booked.</summary>
    Task<Result<ShipmentView>> BookAsync(ShipmentRequest request, string by, CancellationToken ct);

    /// <summary>The order's parcel and its tracking timeline, oldest event first; null before it ships.</summary>
    Task<ShipmentView?> FindAsync(Guid orderId, CancellationToken ct);
}

[ModuleContract]
public sealed record ShipmentRequest(Guid OrderId, string OrderNumber, string Recipient, string Phone, string Address);

[ModuleContract]
public sealed record ShipmentView(Guid Id, Guid OrderId, string Carrier, string? TrackingNumber, string Status,
    DateTime? BookedAt, DateTime? DeliveredAt, IReadOnlyList<TrackingEventView> Events);

[ModuleContract]
public sealed record TrackingEventView(string Status, DateTime OccurredAt, string Location, string Description);

/// <summary>The carrier delivered the parcel; raised once, in the transaction that recorded it.</summary>
[ModuleContract]
public sealed record ShipmentDelivered(Guid ShipmentId, Guid OrderId, string TrackingNumber, DateTime DeliveredAt);
