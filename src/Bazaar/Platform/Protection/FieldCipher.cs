using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Platform.Protection;

/// <summary>
/// AES-256-GCM for one column value: "pd1:&lt;key id&gt;:" then base64 of nonce (12 bytes), tag (16) and
/// ciphertext. The key id says which key of the ring opens it, so keys can be rotated while old rows
/// stay readable; the prefix is authenticated too, so relabelling a value with another key id fails.
/// A fresh random nonce each time: two equal streets never look equal in the table.
/// </summary>
public sealed class FieldCipher(KeyRing ring)
{
    public const string Prefix = "pd1:";
    private const int NonceBytes = 12, TagBytes = 16;

    public KeyRing Ring => ring;

    public string Protect(string plain)
    {
        var header = Prefix + ring.CurrentId + ":";
        var text = Encoding.UTF8.GetBytes(plain);
        var blob = new byte[NonceBytes + TagBytes + text.Length];
        var nonce = blob.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(ring.Current, TagBytes);
        aes.Encrypt(nonce, text, blob.AsSpan(NonceBytes + TagBytes), blob.AsSpan(NonceBytes, TagBytes), Encoding.ASCII.GetBytes(header));
        return header + Convert.ToBase64String(blob);
    }

    public string Unprotect(string stored)
    {
        var keyId = KeyIdOf(stored) ?? throw new ProtectedDataException(
            "A protected column holds a value that is not encrypted (or not in the pd1 format); `bazaar rotate-keys` encrypts such values.");
        if (!ring.Keys.TryGetValue(keyId, out var key))
            throw new ProtectedDataException(
                $"A value is encrypted under key '{keyId}', which is not in the key ring ({ring.Source}); add that key to Protection:Keys or the key file to read it.");
        var headerLength = Prefix.Length + keyId.Length + 1;
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(stored[headerLength..]);
        }
        catch (FormatException)
        {
            throw new ProtectedDataException($"A value encrypted under key '{keyId}' is damaged (not base64).");
        }
        if (blob.Length < NonceBytes + TagBytes)
            throw new ProtectedDataException($"A value encrypted under key '{keyId}' is damaged (too short).");
        var text = new byte[blob.Length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(blob.AsSpan(0, NonceBytes), blob.AsSpan(NonceBytes + TagBytes), blob.AsSpan(NonceBytes, TagBytes), text,
                Encoding.ASCII.GetBytes(stored[..headerLength]));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new ProtectedDataException($"A value encrypted under key '{keyId}' was altered: refused.");
        }
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>The id of the key a stored value is encrypted under; null when it is not encrypted.</summary>
    public static string? KeyIdOf(string stored)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var end = stored.IndexOf(':', Prefix.Length);
        return end > Prefix.Length ? stored[Prefix.Length..end] : null;
    }

    /// <summary>
    /// The column length a value of at most <paramref name="plainChars"/> characters needs once
    /// encrypted: UTF-8 takes up to 3 bytes a character (a surrogate pair is 4 for 2), base64 4 for 3.
    /// </summary>
    public static int MaxLength(int plainChars) =>
        Prefix.Length + 16 + 1 + 4 * ((NonceBytes + TagBytes + 3 * plainChars + 2) / 3);
}

/// <summary>A protected value that cannot be opened: not encrypted, under an unknown key, damaged or altered.</summary>
public sealed class ProtectedDataException(string message) : Exception(message);
