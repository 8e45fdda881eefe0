using System.Security.Cryptography;

namespace Bazaar.Sandbox;

/// <summary>
/// The payment gateway's books: payments by id and by the shop's outTradeNo, refunds by the shop's
/// outRefundNo. Every change queues a signed notification to the payment's notifyUrl. With the
/// books kept (GatewayJournal), every change is on disk before it is answered, and a restart
/// starts from them and sends again every notification not yet acknowledged.
/// </summary>
public sealed class Gateway
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Payment> _payments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _paymentIdsByOutTradeNo = new(StringComparer.Ordinal);
    private readonly List<string> _paymentOrder = [];
    private readonly Dictionary<string, Refund> _refundsByOutRefundNo = new(StringComparer.Ordinal);
    private readonly List<Refund> _refunds = [];
    private readonly SandboxKeys keys;
    private readonly SandboxCallbacks callbacks;
    private readonly TimeProvider clock;
    private readonly GatewayJournal journal;

    public Gateway(SandboxKeys keys, SandboxCallbacks callbacks, TimeProvider clock, GatewayJournal journal)
    {
        this.keys = keys;
        this.callbacks = callbacks;
        this.clock = clock;
        this.journal = journal;
        var books = journal.Read();
        foreach (var payment in books.Payments)
        {
            _payments[payment.PaymentId] = payment;
            _paymentIdsByOutTradeNo[payment.OutTradeNo] = payment.PaymentId;
            _paymentOrder.Add(payment.PaymentId);
        }
        foreach (var refund in books.Refunds)
        {
            _refundsByOutRefundNo[refund.OutRefundNo] = refund;
            _refunds.Add(refund);
        }
        // Owed before the restart, owed after it: the same notify_id, so a shop that had applied it answers "success" again.
        foreach (var owed in books.Owed)
        {
            if (!_payments.TryGetValue(owed.PaymentId, out var payment))
                continue;
            if (owed.OutRefundNo is null)
                callbacks.Queue(GatewayNotification.Trade(payment, keys, journal, owed.NotifyId));
            else if (_refundsByOutRefundNo.TryGetValue(owed.OutRefundNo, out var refund))
                callbacks.Queue(GatewayNotification.RefundDone(payment, refund, keys, journal, owed.NotifyId));
        }
    }

    public static string PayPath(string paymentId) => "/sandbox/gateway/pay/" + Uri.EscapeDataString(paymentId);

    public Payment? Find(string paymentId)
    {
        lock (_gate) return _payments.GetValueOrDefault(paymentId);
    }

    public Payment? FindByOutTradeNo(string outTradeNo)
    {
        lock (_gate) return _paymentIdsByOutTradeNo.TryGetValue(outTradeNo, out var id) ? _payments[id] : null;
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Payment> Payments()
    {
        lock (_gate) return _paymentOrder.Select(id => _payments[id]).Reverse().ToList();
    }

    /// <summary>Newest first; a payment's own when paymentId is given.</summary>
    public IReadOnlyList<Refund> Refunds(string? paymentId = null)
    {
        lock (_gate) return _refunds.Where(r => paymentId is null || r.PaymentId == paymentId).Reverse().ToList();
    }

    /// <summary>Idempotent on OutTradeNo: the same amount and currency again is the same payment.</summary>
    public PaymentOpening Open(NewPayment request)
    {
        lock (_gate)
        {
            if (_paymentIdsByOutTradeNo.TryGetValue(request.OutTradeNo, out var existingId))
            {
                var existing = _payments[existingId];
                var same = existing.Amount == request.Amount && existing.Currency == request.Currency;
                return new PaymentOpening(same ? GatewayOutcome.Existing : GatewayOutcome.Conflict, existing);
            }
            var now = clock.GetUtcNow();
            var payment = new Payment(NewId("GP", now), request.OutTradeNo, request.OrderNumber, request.Amount,
                request.Currency, request.Subject, request.NotifyUrl, request.ReturnUrl, PaymentStatus.Pending, now,
                PaidAt: null, RefundedAmount: 0);
            journal.Write(payment);
            _payments[payment.PaymentId] = payment;
            _paymentIdsByOutTradeNo[payment.OutTradeNo] = payment.PaymentId;
            _paymentOrder.Add(payment.PaymentId);
            return new PaymentOpening(GatewayOutcome.Created, payment);
        }
    }

    /// <summary>The shopper's choice on the pay page. Null for an unknown payment.</summary>
    public Settlement? Settle(string paymentId, bool pay)
    {
        Payment settled;
        lock (_gate)
        {
            if (!_payments.TryGetValue(paymentId, out var payment))
                return null;
            if (payment.Status != PaymentStatus.Pending)
                return new Settlement(payment, Changed: false);
            settled = pay
                ? payment with { Status = PaymentStatus.Paid, PaidAt = clock.GetUtcNow() }
                : payment with { Status = PaymentStatus.Failed };
            var notification = GatewayNotification.Trade(settled, keys, journal);
            journal.Write(settled, new OwedNotification(notification.Id, paymentId, null));
            _payments[paymentId] = settled;
            // Queued under the lock so a refund's notification can never overtake the payment's.
            callbacks.Queue(notification);
        }
        return new Settlement(settled, Changed: true);
    }

    /// <summary>Idempotent on OutRefundNo, which is unique across all payments.</summary>
    public RefundOutcome Refund(NewRefund request)
    {
        Refund refund;
        Payment payment;
        lock (_gate)
        {
            if (_refundsByOutRefundNo.TryGetValue(request.OutRefundNo, out var existing))
            {
                var same = existing.Amount == request.Amount && existing.PaymentId == request.PaymentId;
                return new RefundOutcome(same ? GatewayOutcome.Existing : GatewayOutcome.Conflict, existing,
                    _payments[existing.PaymentId]);
            }
            if (!_payments.TryGetValue(request.PaymentId, out var found))
                return new RefundOutcome(GatewayOutcome.NotFound, null, null);
            if (found.Status != PaymentStatus.Paid)
                return new RefundOutcome(GatewayOutcome.NotPaid, null, found);
            if (request.Amount > found.Refundable)
                return new RefundOutcome(GatewayOutcome.ExceedsRefundable, null, found);
            var now = clock.GetUtcNow();
            refund = new Refund(NewId("GR", now), request.OutRefundNo, found.PaymentId, request.Amount, request.Reason, now);
            payment = found with { RefundedAmount = found.RefundedAmount + request.Amount };
            var notification = GatewayNotification.RefundDone(payment, refund, keys, journal);
            journal.Write(payment, refund, new OwedNotification(notification.Id, payment.PaymentId, refund.OutRefundNo));
            _payments[payment.PaymentId] = payment;
            _refundsByOutRefundNo[refund.OutRefundNo] = refund;
            _refunds.Add(refund);
            callbacks.Queue(notification);
        }
        return new RefundOutcome(GatewayOutcome.Created, refund, payment);
    }

    /// <summary>The signed "query payment" answer, as of now. Null for an unknown payment.</summary>
    public SignedFields? Query(string paymentId)
    {
        var payment = Find(paymentId);
        if (payment is null)
            return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["payment_id"] = payment.PaymentId,
            ["out_trade_no"] = payment.OutTradeNo,
            ["order_number"] = payment.OrderNumber,
            ["trade_status"] = payment.TradeStatus,
            ["total_amount"] = Wire.Money(payment.Amount),
            ["currency"] = payment.Currency,
            ["refunded_amount"] = Wire.Money(payment.RefundedAmount),
        };
        if (payment.PaidAt is { } paidAt)
            fields["gmt_payment"] = Wire.Time(paidAt);
        fields["query_time"] = Wire.Time(clock.GetUtcNow());
        return new SignedFields(fields, keys.SignGateway(fields));
    }

    /// <summary>
    /// Random, not counted: the sandbox forgets its state on restart while the shop keeps the ids,
    /// so a counter starting over would hand out an id the shop already knows for another payment.
    /// </summary>
    private static string NewId(string prefix, DateTimeOffset now) =>
        prefix + now.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture)
               + Convert.ToHexString(RandomNumberGenerator.GetBytes(5));
}
