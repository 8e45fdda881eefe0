using System.Net;

namespace Bazaar.Platform.Telemetry;

/// <summary>The <c>Telemetry</c> section of the configuration.</summary>
public sealed class TelemetrySettings
{
    /// <summary>
    /// The operations network: addresses or CIDR networks allowed to read /metrics without signing in,
    /// as a list or one comma-separated value. Loopback only by default, so a Prometheus on the same
    /// machine scrapes an instance directly; an admin may read it from anywhere.
    /// </summary>
    public string[] MetricsAllowedFrom { get; set; } = ["127.0.0.0/8", "::1"];

    /// <summary>Where traces go (an OTLP collector, http://127.0.0.1:4317); empty: no traces are recorded.</summary>
    public string? OtlpEndpoint { get; set; }

    public static TelemetrySettings Read(IConfiguration config)
    {
        var settings = new TelemetrySettings();
        var section = config.GetSection("Telemetry");
        settings.OtlpEndpoint = section["OtlpEndpoint"] is { Length: > 0 } otlp ? otlp : null;
        var allowed = section.GetSection("MetricsAllowedFrom");
        var values = allowed.Value is { } single ? [single] : allowed.GetChildren().Select(c => c.Value ?? "").ToArray();
        if (values.Length > 0)
            settings.MetricsAllowedFrom = values
                .SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        return settings;
    }

    public IReadOnlyList<IPNetwork> MetricsNetworks() => MetricsAllowedFrom.Select(Network).ToList();

    private static IPNetwork Network(string value)
    {
        if (IPNetwork.TryParse(value, out var network))
            return network;
        if (IPAddress.TryParse(value, out var address))
            return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        throw new InvalidOperationException($"Telemetry:MetricsAllowedFrom: '{value}' is neither an IP address nor a network (10.0.0.0/24).");
    }
}
