namespace Bazaar.Payments;

public enum PaymentStatus { Pending, Succeeded, Failed }

/// <summary>
/// One attempt to pay one order through the gateway. The amount is copied from the order when the
/// attempt starts and is what every notification must match. Status moves Pending → Succeeded or
/// Pending → Failed by conditional updates; a success the gateway reports after a failure still
/// wins (the money is real), a failure after a success never does.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "CNY";
    public PaymentStatus Status { get; set; }
    public string? GatewayPaymentId { get; set; }
    public string? PayUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    /// <summary>Refunds requested or done; held back at request time so two refunds can never exceed the payment.</summary>
    public decimal RefundedAmount { get; set; }
    public DateTime? LastCheckedAt { get; set; }
}

/// <summary>A notification the gateway sent and the shop accepted; its id is unique, so a replay changes nothing.</summary>
public sealed class PaymentNotification
{
    public string NotifyId { get; set; } = "";
    public Guid PaymentId { get; set; }
    public string Type { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}

public enum RefundStatus { Requested, Succeeded, Failed }

/// <summary>Money given back on a paid order, full or partial, asked for by an operator with a reason.</summary>
public sealed class Refund
{
    public Guid Id { get; set; }
    public Guid PaymentId { get; set; }
    public Guid OrderId { get; set; }
    public decimal Amount { get; set; }
    public string Reason { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public RefundStatus Status { get; set; }
    public string? GatewayRefundId { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? LastError { get; set; }
}
