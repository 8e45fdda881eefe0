namespace Bazaar.Payments;

public sealed class PaymentsOptions
{
    /// <summary>The gateway's public key as PEM; or <see cref="GatewayPublicKeyFile"/>.</summary>
    public string? GatewayPublicKey { get; set; }

    /// <summary>A file holding the gateway's public key (the sandbox writes gateway-public.pem on first start).</summary>
    public string? GatewayPublicKeyFile { get; set; }

    /// <summary>How long a payment may stay pending before the shop asks the gateway about it.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(3);

    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Stop asking about a pending payment this long after it started; the order has expired by then.</summary>
    public TimeSpan ReconcileFor { get; set; } = TimeSpan.FromHours(2);
}
