using Bazaar.Platform;
using Bazaar.Platform.Web;

namespace Bazaar.Payments;

/// <summary>
/// The Payments module's public service. Ordering calls it with amounts it read from its own
/// tables; Payments never calls Ordering back, it raises events (PaymentSucceeded, PaymentRefunded).
/// </summary>
[ModuleContract]
public interface IPayments
{
    /// <summary>Starts (or resumes) paying an order at the gateway; answers where the shopper pays.</summary>
    Task<Result<StartedPayment>> StartAsync(PaymentRequest request, Uri returnUrl, CancellationToken ct);

    /// <summary>
    /// Asks the gateway now about an order's pending payments (the shopper just came back from
    /// paying, or the order is about to expire); true when the order has a successful payment.
    /// </summary>
    Task<bool> ConfirmAsync(Guid orderId, CancellationToken ct);

    Task<PaymentSummary?> FindForOrderAsync(Guid orderId, CancellationToken ct);

    /// <summary>Refunds part or all (amount null) of what is left of an order's payment.</summary>
    Task<Result<RefundView>> RefundAsync(Guid orderId, decimal? amount, string reason, string by, CancellationToken ct);

    /// <summary>
    /// Payments started at the gateway and not yet settled either way (the back office's dashboard):
    /// how many and for how much, counted by the database.
    /// </summary>
    Task<PendingPayments> SumPendingAsync(CancellationToken ct);
}

[ModuleContract]
public sealed record PendingPayments(int Count, decimal Amount);

[ModuleContract]
public sealed record PaymentRequest(Guid OrderId, string OrderNumber, Guid CustomerId, decimal Amount, string Currency, string Subject);

[ModuleContract]
public sealed record StartedPayment(Guid PaymentId, string PayUrl);

[ModuleContract]
public sealed record PaymentSummary(string Status, decimal Amount, decimal Refunded, DateTime? PaidAt,
    IReadOnlyList<PaymentAttemptView> Attempts, IReadOnlyList<RefundView> Refunds)
{
    public bool FullyRefunded => Status == nameof(PaymentStatus.Succeeded) && Amount > 0
        && Refunds.Where(r => r.Status == nameof(RefundStatus.Succeeded)).Sum(r => r.Amount) >= Amount;
}

[ModuleContract]
public sealed record PaymentAttemptView(Guid Id, string Status, decimal Amount, string Currency, DateTime CreatedAt, DateTime? PaidAt);

[ModuleContract]
public sealed record RefundView(Guid Id, decimal Amount, string Reason, string Status, string RequestedBy, DateTime RequestedAt,
    DateTime? CompletedAt);
