using Bazaar.Platform.Partners;

namespace Bazaar.Shipping;

public static class ShippingEndpoints
{
    public static void MapShippingEndpoints(this IEndpointRouteBuilder app)
    {
        // The carrier is not a user: it proves itself by its HMAC signature, checked before the body is read as JSON.
        app.MapPost("/api/v1/shipping/carrier-events", async (HttpContext http, AcceptCarrierEvent accept, CancellationToken ct) =>
        {
            var body = await PartnerBody.ReadAsync(http.Request, AcceptCarrierEvent.MaxBody, ct);
            if (body is null)
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Event too large.");
            var answer = await accept.HandleAsync(http.Request.Headers[CarrierSignature.TimestampHeader],
                http.Request.Headers[CarrierSignature.SignatureHeader], body, ct);
            return answer.Status < 300
                ? Results.Ok(new { result = answer.Detail })
                : Results.Problem(statusCode: answer.Status, title: "Carrier event refused.", detail: answer.Detail);
        }).AllowAnonymous().DisableAntiforgery().WithTags("Partner callbacks")
          .WithSummary("Carrier tracking event (JSON, signed with HMAC-SHA256 over \"timestamp.body\")");
    }
}
