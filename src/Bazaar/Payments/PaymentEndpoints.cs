using Bazaar.Platform.Partners;

namespace Bazaar.Payments;

public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        // The gateway is not a user: it proves itself by its signature, checked before anything else.
        app.MapPost("/api/v1/payments/notify", async (HttpContext http, AcceptPaymentNotification accept, CancellationToken ct) =>
        {
            var body = await PartnerBody.ReadAsync(http.Request, AcceptPaymentNotification.MaxBody, ct);
            var answer = body is null
                ? new NotifyAnswer(StatusCodes.Status413PayloadTooLarge, "notification too large")
                : await accept.HandleAsync(body, ct);
            return Results.Text(answer.Body, "text/plain", statusCode: answer.Status);
        }).AllowAnonymous().DisableAntiforgery().WithTags("Partner callbacks")
          .WithSummary("Payment gateway notification (form fields signed RSA2); answers \"success\" once applied")
          .Accepts<string>("application/x-www-form-urlencoded").Produces<string>(200, "text/plain");
    }
}
