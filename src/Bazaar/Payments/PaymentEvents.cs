using Bazaar.Platform;

namespace Bazaar.Payments;

/// <summary>The gateway confirmed the money arrived; raised once per payment, in the transaction that recorded it.</summary>
[ModuleContract]
public sealed record PaymentSucceeded(Guid PaymentId, Guid OrderId, decimal Amount, string Currency, DateTime PaidAt);

/// <summary>The shopper's payment attempt failed; the order stays unpaid and can be paid again.</summary>
[ModuleContract]
public sealed record PaymentFailed(Guid PaymentId, Guid OrderId, DateTime FailedAt);

/// <summary>The gateway confirmed a refund; raised once per refund.</summary>
[ModuleContract]
public sealed record PaymentRefunded(Guid RefundId, Guid PaymentId, Guid OrderId, decimal Amount, string Reason, string By, DateTime RefundedAt);
