using System.Net.Http.Json;
using Bazaar.Platform.Partners;

namespace Bazaar.Notifications;

/// <summary>The SMS provider (the sandbox inbox), called through the partner resilience pipeline.</summary>
[Bazaar.Platform.ModuleContract]
public sealed class SmsGateway(HttpClient http, PartnerAddresses partners)
{
    public async Task SendAsync(string to, string text, string reference, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(partners.Sandbox, "/sandbox/sms/messages"))
        {
            Content = JsonContent.Create(new { to, text, reference }),
        };
        // Repeatable: the provider keeps one message per reference.
        request.Options.Set(PartnerClients.Repeatable, true);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new PartnerRefusedException((int)response.StatusCode, $"The SMS provider refused a message: {(int)response.StatusCode}");
    }
}
