using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Platform.Protection;

/// <summary>
/// A keyed hash (HMAC-SHA256 under the ring's index key) of a normalised value, stored beside its
/// ciphertext so the shop can find and keep unique what it can no longer read in SQL. Without the
/// key, a dump's index column cannot be matched against a list of every phone number.
/// </summary>
public sealed class BlindIndex(KeyRing ring)
{
    /// <summary>Base64 of 32 bytes.</summary>
    public const int Length = 44;

    public string Of(string normalised) =>
        Convert.ToBase64String(HMACSHA256.HashData(ring.IndexKey, Encoding.UTF8.GetBytes(normalised)));
}
