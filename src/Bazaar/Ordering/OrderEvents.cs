using Bazaar.Platform;

namespace Bazaar.Ordering;

/// <summary>Raised in the transaction that placed the order; delivered through the outbox.</summary>
[ModuleContract]
public sealed record OrderPlaced(Guid OrderId, string Number, Guid CustomerId, decimal Total, string Currency, DateTime PlacedAt);

/// <summary>Raised in the transaction that cancelled the order (by the customer, or on payment timeout).</summary>
[ModuleContract]
public sealed record OrderCancelled(Guid OrderId, Guid CustomerId, string By, string? Reason, DateTime CancelledAt);
