using Bazaar.Platform;

namespace Bazaar.Ordering;

/// <summary>Raised in the transaction that placed the order; delivered through the outbox.</summary>
[ModuleContract]
public sealed record OrderPlaced(Guid OrderId, string Number, Guid CustomerId, decimal Total, string Currency, DateTime PlacedAt);

/// <summary>Raised in the transaction that cancelled the order (by the customer, or on payment timeout).</summary>
[ModuleContract]
public sealed record OrderCancelled(Guid OrderId, Guid CustomerId, string By, string? Reason, DateTime CancelledAt);

/// <summary>Every move of an order's status, raised in the transaction that made it (notifications follow it).</summary>
[ModuleContract]
public sealed record OrderStatusChanged(Guid OrderId, string Number, Guid CustomerId, OrderStatus From, OrderStatus To,
    string By, string? Reason, DateTime At);

/// <summary>The order left the warehouse with the carrier; raised with the move to Shipped.</summary>
[ModuleContract]
public sealed record OrderShipped(Guid OrderId, string Number, Guid CustomerId, string Carrier, string TrackingNumber, DateTime ShippedAt);

/// <summary>Money went back to the customer, in part or in full.</summary>
[ModuleContract]
public sealed record OrderRefunded(Guid OrderId, string Number, Guid CustomerId, Guid RefundId, decimal Amount, bool Full, string Reason, DateTime At);

/// <summary>The order was paid: its units are sold (the catalog counts them for "best selling").</summary>
[ModuleContract]
public sealed record OrderPaid(Guid OrderId, IReadOnlyList<UnitsOfProduct> Lines, DateTime PaidAt);

[ModuleContract]
public sealed record UnitsOfProduct(int ProductId, int Quantity);
