using Microsoft.AspNetCore.Mvc;

namespace Bazaar.Sandbox;

/// <summary>The carrier's JSON API: book a shipment, look at a parcel, move it one step.</summary>
internal static class CarrierEndpoints
{
    private sealed record ShipmentBody(string? Reference, string? OrderNumber, string? Recipient, string? Phone,
        string? Address, string? CallbackUrl);

    public static void MapCarrierApi(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/carrier/shipments", BookAsync);
        sandbox.MapGet("/carrier/shipments/{trackingNumber}", (string trackingNumber, [FromServices] Carrier carrier) =>
            carrier.Find(trackingNumber) is { } parcel ? Results.Json(View(parcel), Wire.Json) : NoParcel(trackingNumber));
        sandbox.MapPost("/carrier/shipments/{trackingNumber}/advance", AdvanceAsync);
    }

    private static async Task<IResult> BookAsync(HttpContext http, [FromServices] Carrier carrier)
    {
        var (body, unreadable) = await FieldErrors.ReadJsonAsync<ShipmentBody>(http.Request);
        if (body is null)
            return unreadable!;
        var errors = new FieldErrors();
        var shipment = new NewShipment(
            errors.Required("reference", body.Reference),
            errors.Required("orderNumber", body.OrderNumber),
            errors.Required("recipient", body.Recipient),
            errors.Required("phone", body.Phone, max: 32),
            errors.Required("address", body.Address),
            errors.Url("callbackUrl", body.CallbackUrl));
        if (errors.Any)
            return errors.ToResult();
        var (parcel, created) = carrier.Book(shipment);
        return Results.Json(new { trackingNumber = parcel.TrackingNumber, reference = parcel.Reference, status = parcel.Status.Wire() },
            Wire.Json, statusCode: created ? 201 : 200);
    }

    /// <summary>
    /// The carrier page's buttons post here too: a form post goes back to the page (303), whatever
    /// happened; a call without a form gets the parcel as JSON, or 404/409.
    /// </summary>
    private static async Task<IResult> AdvanceAsync(HttpContext http, string trackingNumber, [FromServices] Carrier carrier)
    {
        var (outcome, parcel) = await carrier.AdvanceAsync(trackingNumber);
        if (http.Request.HasFormContentType)
            return SandboxHtml.SeeOther(http.Request.PathBase + "/sandbox/carrier");
        return outcome switch
        {
            AdvanceOutcome.Advanced => Results.Json(View(parcel!), Wire.Json),
            AdvanceOutcome.NotFound => NoParcel(trackingNumber),
            _ => Results.Problem(statusCode: 409, title: "The parcel is delivered.",
                detail: $"Parcel {trackingNumber} has been delivered; it moves no further."),
        };
    }

    public static object View(Parcel parcel) => new
    {
        trackingNumber = parcel.TrackingNumber,
        reference = parcel.Reference,
        orderNumber = parcel.OrderNumber,
        status = parcel.Status.Wire(),
        recipient = parcel.Recipient,
        phone = parcel.Phone,
        address = parcel.Address,
        callbackUrl = parcel.CallbackUrl,
        bookedAt = Wire.Time(parcel.BookedAt),
        events = parcel.Events.Select(e => new
        {
            eventId = e.EventId,
            status = e.Status.Wire(),
            occurredAt = Wire.Time(e.OccurredAt),
            location = e.Location,
            description = e.Description,
        }),
    };

    private static IResult NoParcel(string trackingNumber) =>
        Results.Problem(statusCode: 404, title: "No such parcel.", detail: $"No parcel has tracking number {trackingNumber}.");
}
