using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bazaar.Platform.Partners;

/// <summary>
/// Where the shop reaches its partners (the payment gateway, the carrier, the SMS inbox) and where
/// they reach the shop back. With <c>Sandbox:BaseUrl</c> empty the sandbox is mounted in this very
/// process, so both are the shop's own listening address, known only once the server has started.
/// </summary>
public sealed class PartnerAddresses(IConfiguration config, IServer server)
{
    public bool SandboxInProcess => string.IsNullOrWhiteSpace(config["Sandbox:BaseUrl"]);

    /// <summary>The origin of the gateway, carrier and SMS inbox (their routes all start with /sandbox).</summary>
    public Uri Sandbox => SandboxInProcess ? Own() : Origin(config["Sandbox:BaseUrl"]!);

    /// <summary>The origin partners post their callbacks to: <c>Shop:CallbackBaseUrl</c>, else the shop's own address.</summary>
    public Uri ShopCallbacks => config["Shop:CallbackBaseUrl"] is { Length: > 0 } configured ? Origin(configured) : Own();

    private Uri Own()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (string.IsNullOrEmpty(address))
            return new Uri("http://localhost/"); // the in-memory test server answers any host
        // Kestrel reports what it was told: a wildcard host is not an address anyone can call.
        var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
            uri.Host = "127.0.0.1";
        return Origin(uri.Uri.ToString());
    }

    private static Uri Origin(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
