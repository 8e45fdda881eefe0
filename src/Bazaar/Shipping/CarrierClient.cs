using System.Net.Http.Json;
using Bazaar.Platform.Partners;

namespace Bazaar.Shipping;

/// <summary>The carrier's booking API as the shop calls it, through the partner resilience pipeline.</summary>
public sealed class CarrierClient(HttpClient http, PartnerAddresses partners)
{
    public const string CallbackPath = "api/v1/shipping/carrier-events";

    public async Task<string> BookAsync(Shipment shipment, ShipmentRequest request, CancellationToken ct)
    {
        // Repeatable: the carrier recognises a repeat by its reference (our shipment id) and answers with the same parcel.
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(partners.Sandbox, "/sandbox/carrier/shipments"))
        {
            Content = JsonContent.Create(new
            {
                reference = shipment.Id.ToString("N"),
                orderNumber = shipment.OrderNumber,
                recipient = request.Recipient,
                phone = request.Phone,
                address = request.Address,
                callbackUrl = new Uri(partners.ShopCallbacks, CallbackPath).ToString(),
            }),
        };
        message.Options.Set(PartnerClients.Repeatable, true);
        using var response = await http.SendAsync(message, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new PartnerRefusedException((int)response.StatusCode,
                $"The carrier refused the booking: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
        }
        var booked = await response.Content.ReadFromJsonAsync<CarrierBooking>(ct);
        return booked?.TrackingNumber is { Length: > 0 and <= 64 } tracking
            ? tracking
            : throw new PartnerRefusedException(502, "The carrier answered a booking without a tracking number.");
    }

    private sealed record CarrierBooking(string TrackingNumber, string Reference, string Status);
}
