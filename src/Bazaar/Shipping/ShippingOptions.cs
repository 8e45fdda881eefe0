namespace Bazaar.Shipping;

public sealed class ShippingOptions
{
    /// <summary>The secret the carrier signs its events with; or <see cref="CarrierSecretFile"/>.</summary>
    public string? CarrierSecret { get; set; }

    /// <summary>A file holding the carrier's secret (the sandbox writes carrier-secret.txt on first start).</summary>
    public string? CarrierSecretFile { get; set; }

    /// <summary>How far a carrier event's timestamp may be from our clock, either way, before it counts as a replay.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);
}
