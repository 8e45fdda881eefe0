using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Bazaar.Platform.Partners;

namespace Bazaar.Payments;

/// <summary>The gateway's API as the shop calls it, through the partner resilience pipeline.</summary>
public sealed class PaymentGateway(HttpClient http, PartnerAddresses partners)
{
    public async Task<GatewayPayment> CreateAsync(Payment payment, string subject, Uri notifyUrl, Uri returnUrl, CancellationToken ct)
    {
        // Repeatable: the gateway recognises a repeat by outTradeNo (our payment id) and answers with the same payment.
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/sandbox/gateway/payments"))
        {
            Content = JsonContent.Create(new
            {
                outTradeNo = payment.Id.ToString("N"),
                orderNumber = payment.OrderNumber,
                amount = Money(payment.Amount),
                currency = payment.Currency,
                subject,
                notifyUrl = notifyUrl.ToString(),
                returnUrl = returnUrl.ToString(),
            }),
        };
        request.Options.Set(PartnerClients.Repeatable, true);
        using var response = await http.SendAsync(request, ct);
        await EnsureAsync(response, "create a payment", ct);
        return (await response.Content.ReadFromJsonAsync<GatewayPayment>(ct))!;
    }

    /// <summary>The signed "query payment" answer, or null when the gateway does not know the payment.</summary>
    public async Task<SignedFields?> QueryAsync(Guid paymentId, CancellationToken ct)
    {
        // By our own id: it finds the payment even when the answer to "create" was lost on the way back.
        using var response = await http.GetAsync(Url($"/sandbox/gateway/payments?outTradeNo={paymentId:N}"), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureAsync(response, "query a payment", ct);
        return await response.Content.ReadFromJsonAsync<SignedFields>(ct);
    }

    public async Task<GatewayRefundAnswer> RefundAsync(string gatewayPaymentId, Refund refund, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url("/sandbox/gateway/refunds"))
        {
            Content = JsonContent.Create(new
            {
                paymentId = gatewayPaymentId,
                outRefundNo = refund.Id.ToString("N"),
                amount = Money(refund.Amount),
                reason = refund.Reason,
            }),
        };
        request.Options.Set(PartnerClients.Repeatable, true);
        using var response = await http.SendAsync(request, ct);
        if ((int)response.StatusCode is 409 or 422)
            return new GatewayRefundAnswer(null, "refused", await response.Content.ReadAsStringAsync(ct));
        await EnsureAsync(response, "refund", ct);
        var answer = (await response.Content.ReadFromJsonAsync<GatewayRefund>(ct))!;
        return new GatewayRefundAnswer(answer.RefundId, answer.Status, null);
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private Uri Url(string path) => new(partners.Sandbox, path);

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(ct);
        // A refusal of what we sent is our bug, not the gateway being down: say so plainly.
        throw new PartnerRefusedException((int)response.StatusCode,
            $"The payment gateway refused to {what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
    }
}

public sealed record GatewayPayment(string PaymentId, string OutTradeNo, string Status, string PayUrl);

public sealed record GatewayRefund(string RefundId, string OutRefundNo, string Status, string Amount);

public sealed record GatewayRefundAnswer(string? RefundId, string Status, string? Refusal);

public sealed record SignedFields(
    [property: JsonPropertyName("fields")] Dictionary<string, string> Fields,
    [property: JsonPropertyName("sign_type")] string SignType,
    [property: JsonPropertyName("sign")] string Sign)
{
    public Dictionary<string, string> WithSignature() => new(Fields) { ["sign"] = Sign, ["sign_type"] = SignType };
}
