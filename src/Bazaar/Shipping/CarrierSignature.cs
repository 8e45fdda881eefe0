using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Shipping;

/// <summary>
/// The carrier's webhook signature: HMAC-SHA256 with the shared secret over "timestamp.raw body",
/// sent as "sha256=hex". The timestamp must be within the window of our clock, so a captured event
/// cannot be replayed later; the comparison is constant-time.
/// </summary>
public sealed class CarrierSignature(byte[] secret, TimeSpan window, TimeProvider clock)
{
    public const string TimestampHeader = "X-Carrier-Timestamp";
    public const string SignatureHeader = "X-Carrier-Signature";

    public CarrierCheck Check(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return CarrierCheck.Unsigned;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return CarrierCheck.Unsigned;
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal))
            return CarrierCheck.BadSignature;
        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(7));
        }
        catch (FormatException)
        {
            return CarrierCheck.BadSignature;
        }
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(secret, signed);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
            return CarrierCheck.BadSignature;
        // Checked after the signature so a forged timestamp cannot even probe the window.
        var age = clock.GetUtcNow().ToUnixTimeSeconds() - seconds;
        return Math.Abs(age) <= window.TotalSeconds ? CarrierCheck.Valid : CarrierCheck.Stale;
    }
}

public enum CarrierCheck { Valid, Unsigned, BadSignature, Stale }
