using System.Security.Cryptography;

namespace Bazaar.Sandbox;

/// <summary>
/// The parcel carrier: books shipments, moves parcels one step at a time (by hand, or by itself
/// every Sandbox:Carrier:AutoAdvanceEvery), and pushes each step to the shipment's callbackUrl.
/// </summary>
public sealed class Carrier(SandboxKeys keys, SandboxCallbacks callbacks, SandboxOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Parcel> _parcels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _trackingNumbersByReference = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public Parcel? Find(string trackingNumber)
    {
        lock (_gate) return _parcels.GetValueOrDefault(trackingNumber);
    }

    public Parcel? FindByReference(string reference)
    {
        lock (_gate) return _trackingNumbersByReference.TryGetValue(reference, out var number) ? _parcels[number] : null;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Parcel> Parcels()
    {
        lock (_gate) return _order.Select(n => _parcels[n]).Reverse().ToList();
    }

    /// <summary>Idempotent on Reference: booking it again answers the parcel booked the first time.</summary>
    public Booking Book(NewShipment shipment)
    {
        lock (_gate)
        {
            if (_trackingNumbersByReference.TryGetValue(shipment.Reference, out var existing))
                return new Booking(_parcels[existing], Created: false);
            var now = clock.GetUtcNow();
            string trackingNumber;
            do trackingNumber = "SB" + RandomNumberGenerator.GetInt32(100_000, 1_000_000) + RandomNumberGenerator.GetInt32(100_000, 1_000_000);
            while (_parcels.ContainsKey(trackingNumber));
            var parcel = new Parcel(trackingNumber, shipment.Reference, shipment.OrderNumber, shipment.Recipient,
                shipment.Phone, shipment.Address, shipment.CallbackUrl, ParcelStatus.Booked, now, now, []);
            _parcels[trackingNumber] = parcel;
            _trackingNumbersByReference[shipment.Reference] = trackingNumber;
            _order.Add(trackingNumber);
            return new Booking(parcel, Created: true);
        }
    }

    /// <summary>
    /// One step forward, now. Async so callers need not change should a step ever do I/O; today it
    /// only queues the tracking event, which DeliverDueAsync sends.
    /// </summary>
    public Task<ParcelAdvance> AdvanceAsync(string trackingNumber)
    {
        lock (_gate)
        {
            if (!_parcels.TryGetValue(trackingNumber, out var parcel))
                return Task.FromResult(new ParcelAdvance(AdvanceOutcome.NotFound, null));
            if (parcel.Status == ParcelStatus.Delivered)
                return Task.FromResult(new ParcelAdvance(AdvanceOutcome.AlreadyDelivered, parcel));
            return Task.FromResult(new ParcelAdvance(AdvanceOutcome.Advanced, Step(parcel, clock.GetUtcNow())));
        }
    }

    /// <summary>
    /// Moves every parcel whose AutoAdvanceEvery has passed since its last step, catching up step by
    /// step (each event dated when it was due) if the loop was late. Answers how many steps it made.
    /// </summary>
    public int AdvanceDue()
    {
        if (options.AutoAdvanceEvery is not { } every)
            return 0;
        var now = clock.GetUtcNow();
        var steps = 0;
        lock (_gate)
        {
            foreach (var number in _order)
            {
                var parcel = _parcels[number];
                while (parcel.Status != ParcelStatus.Delivered && now - parcel.LastStepAt >= every)
                {
                    parcel = Step(parcel, parcel.LastStepAt + every);
                    steps++;
                }
            }
        }
        return steps;
    }

    /// <summary>Under the lock: the event is queued in the same breath as the step, so events leave in order.</summary>
    private Parcel Step(Parcel parcel, DateTimeOffset at)
    {
        var next = parcel.Status + 1;
        var (location, description) = Leg(next, parcel);
        var trackingEvent = new TrackingEvent(
            "E" + at.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)
                + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)),
            next, at, location, description);
        var moved = parcel with { Status = next, LastStepAt = at, Events = [.. parcel.Events, trackingEvent] };
        _parcels[parcel.TrackingNumber] = moved;
        callbacks.Queue(TrackingEventCallback.For(moved, trackingEvent, keys));
        return moved;
    }

    private static (string Location, string Description) Leg(ParcelStatus status, Parcel parcel) => status switch
    {
        ParcelStatus.PickedUp => ("上海市浦东新区揽收点", "快件已揽收 Picked up by the courier"),
        ParcelStatus.InTransit => ("上海转运中心", "快件已发往目的地 In transit to the destination"),
        ParcelStatus.OutForDelivery => ("北京朝阳区营业部", "快递员正在派送 Out for delivery"),
        _ => ("北京朝阳区", $"已签收，签收人：{parcel.Recipient} Delivered, signed for by {parcel.Recipient}"),
    };
}
