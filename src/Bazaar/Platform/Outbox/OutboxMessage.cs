namespace Bazaar.Platform.Outbox;

/// <summary>
/// An event saved in the same transaction as the state change that raised it, waiting to be
/// delivered to its handlers. A dispatcher claims it with a lease (LockedBy/LockedUntil), so
/// several instances never work on one message at once, and a crashed instance's lease runs out.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    public DateTime AvailableAt { get; set; }
    public int Attempts { get; set; }
    public Guid? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One handler finished one message: on a retry that handler is skipped, the others run.</summary>
public sealed class OutboxDelivery
{
    public Guid MessageId { get; set; }
    public string Handler { get; set; } = "";
    public DateTime DeliveredAt { get; set; }
}
