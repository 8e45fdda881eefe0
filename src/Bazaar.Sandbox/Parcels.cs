namespace Bazaar.Sandbox;

/// <summary>The order a parcel moves in; one step at a time.</summary>
public enum ParcelStatus { Booked, PickedUp, InTransit, OutForDelivery, Delivered }

public static class ParcelStatuses
{
    public static string Wire(this ParcelStatus status) => status switch
    {
        ParcelStatus.Booked => "booked",
        ParcelStatus.PickedUp => "picked_up",
        ParcelStatus.InTransit => "in_transit",
        ParcelStatus.OutForDelivery => "out_for_delivery",
        _ => "delivered",
    };
}

public sealed record TrackingEvent(string EventId, ParcelStatus Status, DateTimeOffset OccurredAt, string Location,
    string Description);

/// <summary>A parcel as the carrier holds it; immutable, replaced whole at each step.</summary>
public sealed record Parcel(string TrackingNumber, string Reference, string OrderNumber, string Recipient, string Phone,
    string Address, string CallbackUrl, ParcelStatus Status, DateTimeOffset BookedAt, DateTimeOffset LastStepAt,
    IReadOnlyList<TrackingEvent> Events);

/// <summary>A booking request that passed validation.</summary>
public sealed record NewShipment(string Reference, string OrderNumber, string Recipient, string Phone, string Address,
    string CallbackUrl);

/// <summary>Created is false when the reference had been booked already: the same parcel.</summary>
public sealed record Booking(Parcel Parcel, bool Created);

public enum AdvanceOutcome { Advanced, NotFound, AlreadyDelivered }

public sealed record ParcelAdvance(AdvanceOutcome Outcome, Parcel? Parcel);
