using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// Cluster:KnownProxies: the addresses (or CIDR networks, 10.0.0.0/24) whose X-Forwarded-For,
/// -Proto and -Host the shop believes, as a list or one comma-separated value. Empty (the
/// embedded default): no forwarded header is believed, not even from loopback, since anyone could
/// send one.
/// </summary>
public static class KnownProxies
{
    public static IReadOnlyList<string> Read(IConfiguration config)
    {
        var section = config.GetSection("Cluster:KnownProxies");
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "");
        return values.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
    }

    public static void Apply(ForwardedHeadersOptions options, IReadOnlyList<string> proxies)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        // The defaults trust loopback; only what the operator listed is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (proxy.Contains('/'))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
            else if (IPAddress.TryParse(proxy, out var address))
                options.KnownProxies.Add(address);
            else
                throw new InvalidOperationException($"Cluster:KnownProxies: '{proxy}' is neither an IP address nor a network (10.0.0.0/24).");
        }
        // One proxy hop: nginx. A longer chain is listed proxy by proxy and raises this.
        options.ForwardLimit = Math.Max(1, proxies.Count);
    }
}
