namespace Bazaar.Sandbox;

public enum PaymentStatus { Pending, Paid, Failed }

/// <summary>A payment as the gateway holds it; immutable, replaced whole when it changes.</summary>
public sealed record Payment(string PaymentId, string OutTradeNo, string OrderNumber, decimal Amount, string Currency,
    string Subject, string NotifyUrl, string ReturnUrl, PaymentStatus Status, DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt, decimal RefundedAmount)
{
    public decimal Refundable => Status == PaymentStatus.Paid ? Amount - RefundedAmount : 0;

    /// <summary>The create answer's status: pending, paid or failed.</summary>
    public string WireStatus => Status switch
    {
        PaymentStatus.Paid => "paid",
        PaymentStatus.Failed => "failed",
        _ => "pending",
    };

    /// <summary>The query answer's and notification's trade_status.</summary>
    public string TradeStatus => Status switch
    {
        PaymentStatus.Paid => "TRADE_SUCCESS",
        PaymentStatus.Failed => "TRADE_FAILED",
        _ => "WAIT_BUYER_PAY",
    };
}

public sealed record Refund(string RefundId, string OutRefundNo, string PaymentId, decimal Amount, string Reason,
    DateTimeOffset RefundedAt)
{
    public const string WireStatus = "succeeded";
}

/// <summary>A create-payment request that passed validation.</summary>
public sealed record NewPayment(string OutTradeNo, string OrderNumber, decimal Amount, string Currency, string Subject,
    string NotifyUrl, string ReturnUrl);

/// <summary>A refund request that passed validation.</summary>
public sealed record NewRefund(string PaymentId, string OutRefundNo, decimal Amount, string Reason);

public enum GatewayOutcome { Created, Existing, Conflict, NotFound, NotPaid, ExceedsRefundable }

/// <summary>Created or Existing with the payment; Conflict with the payment already under that outTradeNo.</summary>
public sealed record PaymentOpening(GatewayOutcome Outcome, Payment Payment);

public sealed record RefundOutcome(GatewayOutcome Outcome, Refund? Refund, Payment? Payment);

/// <summary>Changed is false when the payment had been settled already: it stays as it was.</summary>
public sealed record Settlement(Payment Payment, bool Changed);

/// <summary>A signed answer: the fields, and the RSA2 signature over their canonical form.</summary>
public sealed record SignedFields(IReadOnlyDictionary<string, string> Fields, string Sign)
{
    public const string SignType = "RSA2";
}
