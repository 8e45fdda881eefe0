using System.Globalization;
using System.Text;
using Bazaar.Platform.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Payments;

/// <summary>What the shop answers the gateway: 200 "success" stops its retries, anything else asks for another try.</summary>
public sealed record NotifyAnswer(int Status, string Body)
{
    public static readonly NotifyAnswer Success = new(StatusCodes.Status200OK, "success");
}

/// <summary>
/// The gateway's asynchronous notification. Nothing is believed before the signature over the
/// received bytes verifies with the gateway's public key; then the notification must name a payment
/// of ours with the very amount, currency and order it was opened for. Its notify_id is recorded in
/// the same transaction as its effect, so a replay finds it and changes nothing.
/// </summary>
public sealed class AcceptPaymentNotification(ShopDb db, GatewaySignature signature, SettlePayment settle, TimeProvider clock,
    ILogger<AcceptPaymentNotification> log)
{
    public const int MaxBody = 8 * 1024;

    public async Task<NotifyAnswer> HandleAsync(byte[] body, CancellationToken ct)
    {
        var fields = Parse(body);
        if (fields is null || !fields.ContainsKey("sign"))
            return Refuse(StatusCodes.Status400BadRequest, "unsigned or malformed notification");
        if (!signature.Verifies(fields))
            return Refuse(StatusCodes.Status401Unauthorized, "bad signature");

        var notifyId = fields.GetValueOrDefault("notify_id");
        var type = fields.GetValueOrDefault("notify_type");
        if (string.IsNullOrEmpty(notifyId) || notifyId.Length > 64 || type is not ("trade_status_sync" or "refund_status_sync"))
            return Refuse(StatusCodes.Status400BadRequest, "missing notify_id or unknown notify_type");
        if (await db.Set<PaymentNotification>().AnyAsync(n => n.NotifyId == notifyId, ct))
            return NotifyAnswer.Success; // a replay: already applied, acknowledge so the gateway stops

        if (!Guid.TryParseExact(fields.GetValueOrDefault("out_trade_no"), "N", out var paymentId)
            || await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, ct) is not { } payment)
            return Refuse(StatusCodes.Status400BadRequest, "unknown out_trade_no");
        if (Mismatch(fields, payment) is { } mismatch)
            return Refuse(StatusCodes.Status400BadRequest, mismatch);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(new PaymentNotification
        {
            NotifyId = notifyId, PaymentId = payment.Id, Type = type,
            Body = Encoding.UTF8.GetString(body), ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same notification arrived twice at once and the other copy recorded it first.
            return NotifyAnswer.Success;
        }

        if (type == "trade_status_sync")
        {
            var status = fields.GetValueOrDefault("trade_status");
            if (status == "TRADE_SUCCESS")
                await settle.SucceededAsync(payment, PaidAt(fields), fields.GetValueOrDefault("payment_id"), ct);
            else if (status == "TRADE_FAILED")
                await settle.FailedAsync(payment, ct);
        }
        else
        {
            if (!Guid.TryParseExact(fields.GetValueOrDefault("out_refund_no"), "N", out var refundId)
                || await db.Set<Refund>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == refundId && r.PaymentId == payment.Id, ct) is not { } refund)
                return Refuse(StatusCodes.Status400BadRequest, "unknown out_refund_no");
            if (!SameMoney(fields.GetValueOrDefault("refund_amount"), refund.Amount))
                return Refuse(StatusCodes.Status400BadRequest, "refund_amount does not match the refund");
            if (fields.GetValueOrDefault("refund_status") == "REFUND_SUCCESS")
                await settle.RefundSucceededAsync(refund, fields.GetValueOrDefault("refund_id"), ct);
        }
        await tx.CommitAsync(ct);
        return NotifyAnswer.Success;
    }

    /// <summary>Form fields from the raw body; null when it is not a well-formed form or names a field twice.</summary>
    public static Dictionary<string, string>? Parse(byte[] body)
    {
        try
        {
            var parsed = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            if (parsed.Values.Any(v => v.Count != 1))
                return null;
            return parsed.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Mismatch(Dictionary<string, string> fields, Payment payment)
    {
        if (fields.GetValueOrDefault("order_number") != payment.OrderNumber)
            return "order_number does not match the payment";
        if (fields.GetValueOrDefault("currency") != payment.Currency)
            return "currency does not match the payment";
        if (!SameMoney(fields.GetValueOrDefault("total_amount"), payment.Amount))
            return "total_amount does not match the payment";
        if (payment.GatewayPaymentId is { } known && fields.GetValueOrDefault("payment_id") != known)
            return "payment_id does not match the payment";
        return null;
    }

    public static bool SameMoney(string? text, decimal expected) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount == expected;

    private DateTime PaidAt(Dictionary<string, string> fields) =>
        DateTime.TryParse(fields.GetValueOrDefault("gmt_payment"), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : clock.GetUtcNow().UtcDateTime;

    private NotifyAnswer Refuse(int status, string why)
    {
        log.LogWarning("Refused a payment notification: {Reason}.", why);
        return new NotifyAnswer(status, why);
    }
}
