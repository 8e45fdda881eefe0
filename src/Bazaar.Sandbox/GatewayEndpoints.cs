using Microsoft.AspNetCore.Mvc;

namespace Bazaar.Sandbox;

/// <summary>The gateway's JSON API: create payment, query payment, refund.</summary>
internal static class GatewayEndpoints
{
    private sealed record PaymentBody(string? OutTradeNo, string? OrderNumber, string? Amount, string? Currency,
        string? Subject, string? NotifyUrl, string? ReturnUrl);

    private sealed record RefundBody(string? PaymentId, string? OutRefundNo, string? Amount, string? Reason);

    public static void MapGatewayApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/gateway/payments", CreatePaymentAsync);
        sandbox.MapGet("/gateway/payments/{paymentId}", (string paymentId, [FromServices] Gateway gateway) => Query(gateway, paymentId));
        sandbox.MapGet("/gateway/payments", (HttpRequest request, [FromServices] Gateway gateway) =>
        {
            string? outTradeNo = request.Query["outTradeNo"];
            if (string.IsNullOrEmpty(outTradeNo) || outTradeNo.Length > Wire.MaxText)
            {
                var errors = new FieldErrors();
                errors.Required("outTradeNo", outTradeNo);
                return errors.ToResult();
            }
            var payment = gateway.FindByOutTradeNo(outTradeNo);
            return payment is null ? NoPayment($"outTradeNo {outTradeNo}") : Query(gateway, payment.PaymentId);
        });
        sandbox.MapPost("/gateway/refunds", RefundAsync);
    }

    private static async Task<IResult> CreatePaymentAsync(HttpContext http, [FromServices] Gateway gateway)
    {
        var (body, unreadable) = await FieldErrors.ReadJsonAsync<PaymentBody>(http.Request);
        if (body is null)
            return unreadable!;
        var errors = new FieldErrors();
        var request = new NewPayment(
            errors.Required("outTradeNo", body.OutTradeNo),
            errors.Required("orderNumber", body.OrderNumber),
            errors.Money("amount", body.Amount),
            errors.Currency("currency", body.Currency),
            errors.Optional("subject", body.Subject),
            errors.Url("notifyUrl", body.NotifyUrl),
            errors.Url("returnUrl", body.ReturnUrl));
        if (errors.Any)
            return errors.ToResult();

        var (outcome, payment) = gateway.Open(request);
        if (outcome == GatewayOutcome.Conflict)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "outTradeNo is taken.",
                detail: $"outTradeNo {payment.OutTradeNo} already names a payment of {Wire.Money(payment.Amount)} {payment.Currency}.");
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var answer = new
        {
            paymentId = payment.PaymentId,
            outTradeNo = payment.OutTradeNo,
            status = payment.WireStatus,
            payUrl = origin + Gateway.PayPath(payment.PaymentId),
        };
        if (outcome == GatewayOutcome.Created)
            http.Response.Headers.Location = origin + "/sandbox/gateway/payments/" + Uri.EscapeDataString(payment.PaymentId);
        return Results.Json(answer, Wire.Json, statusCode: outcome == GatewayOutcome.Created ? 201 : 200);
    }

    private static IResult Query(Gateway gateway, string paymentId)
    {
        var answer = gateway.Query(paymentId);
        return answer is null
            ? NoPayment($"paymentId {paymentId}")
            : Results.Json(new { fields = answer.Fields, sign_type = SignedFields.SignType, sign = answer.Sign }, Wire.Json);
    }

    private static async Task<IResult> RefundAsync(HttpContext http, [FromServices] Gateway gateway)
    {
        var (body, unreadable) = await FieldErrors.ReadJsonAsync<RefundBody>(http.Request);
        if (body is null)
            return unreadable!;
        var errors = new FieldErrors();
        var request = new NewRefund(
            errors.Required("paymentId", body.PaymentId),
            errors.Required("outRefundNo", body.OutRefundNo),
            errors.Money("amount", body.Amount),
            errors.Optional("reason", body.Reason));
        if (errors.Any)
            return errors.ToResult();

        var (outcome, refund, payment) = gateway.Refund(request);
        return outcome switch
        {
            GatewayOutcome.Created or GatewayOutcome.Existing => Results.Json(
                new { refundId = refund!.RefundId, outRefundNo = refund.OutRefundNo, status = Refund.WireStatus, amount = Wire.Money(refund.Amount) },
                Wire.Json, statusCode: outcome == GatewayOutcome.Created ? 201 : 200),
            GatewayOutcome.Conflict => Results.Problem(statusCode: 409, title: "outRefundNo is taken.",
                detail: $"outRefundNo {refund!.OutRefundNo} already names a refund of {Wire.Money(refund.Amount)} on payment {refund.PaymentId}."),
            GatewayOutcome.NotFound => NoPayment($"paymentId {request.PaymentId}"),
            GatewayOutcome.NotPaid => Results.Problem(statusCode: 409, title: "The payment is not paid.",
                detail: $"Payment {payment!.PaymentId} is {payment.WireStatus}; only a paid payment can be refunded."),
            _ => Results.Problem(statusCode: 422, title: "The refund is more than what is left.",
                detail: $"Payment {payment!.PaymentId} has {Wire.Money(payment.Refundable)} {payment.Currency} left to refund; asked for {Wire.Money(request.Amount)}."),
        };
    }

    private static IResult NoPayment(string what) =>
        Results.Problem(statusCode: 404, title: "No such payment.", detail: $"No payment has {what}.");
}
