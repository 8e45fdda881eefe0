using System.Net;
using System.Net.Http.Headers;

namespace Bazaar.Sandbox;

/// <summary>The asynchronous notifications: trade_status_sync and refund_status_sync, RSA2 signed.</summary>
internal static class GatewayNotification
{
    public static Callback Trade(Payment payment, SandboxKeys keys, GatewayJournal journal, string? notifyId = null)
    {
        var fields = Common("trade_status_sync", payment, notifyId);
        fields["trade_status"] = payment.TradeStatus;
        if (payment.PaidAt is { } paidAt)
            fields["gmt_payment"] = Wire.Time(paidAt);
        return ToCallback(CallbackKind.TradeNotification, payment, fields, keys, journal);
    }

    public static Callback RefundDone(Payment payment, Refund refund, SandboxKeys keys, GatewayJournal journal, string? notifyId = null)
    {
        var fields = Common("refund_status_sync", payment, notifyId);
        fields["trade_status"] = "TRADE_SUCCESS";
        if (payment.PaidAt is { } paidAt)
            fields["gmt_payment"] = Wire.Time(paidAt);
        fields["refund_id"] = refund.RefundId;
        fields["out_refund_no"] = refund.OutRefundNo;
        fields["refund_amount"] = Wire.Money(refund.Amount);
        fields["refund_status"] = "REFUND_SUCCESS";
        return ToCallback(CallbackKind.RefundNotification, payment, fields, keys, journal);
    }

    private static Dictionary<string, string> Common(string type, Payment payment, string? notifyId) => new(StringComparer.Ordinal)
    {
        ["notify_id"] = notifyId ?? Guid.NewGuid().ToString("N"),
        ["notify_type"] = type,
        ["payment_id"] = payment.PaymentId,
        ["out_trade_no"] = payment.OutTradeNo,
        ["order_number"] = payment.OrderNumber,
        ["total_amount"] = Wire.Money(payment.Amount),
        ["currency"] = payment.Currency,
    };

    private static Callback ToCallback(CallbackKind kind, Payment payment, Dictionary<string, string> fields, SandboxKeys keys,
        GatewayJournal journal)
    {
        // notify_time is "when first sent", so the fields are completed and signed on the first try and
        // every retry sends exactly the same body.
        IReadOnlyList<KeyValuePair<string, string>>? signed = null;
        return new Callback(fields["notify_id"], kind, payment.PaymentId, payment.NotifyUrl,
            at =>
            {
                signed ??= Sign(fields, at, keys);
                var content = new FormUrlEncodedContent(signed);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
                return new HttpRequestMessage(HttpMethod.Post, payment.NotifyUrl) { Content = content };
            },
            (status, body) => status == HttpStatusCode.OK && body.Trim() == "success",
            Acknowledged: () => journal.Delivered(fields["notify_id"]));
    }

    private static List<KeyValuePair<string, string>> Sign(Dictionary<string, string> fields, DateTimeOffset at, SandboxKeys keys)
    {
        var all = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["notify_time"] = Wire.Time(at) };
        var sign = keys.SignGateway(all);
        return [.. all, new("sign_type", SignedFields.SignType), new("sign", sign)];
    }
}
