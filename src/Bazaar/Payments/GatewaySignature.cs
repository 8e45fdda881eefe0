using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Payments;

/// <summary>
/// Checks the gateway's RSA2 signature: RSA-SHA256 (PKCS#1 v1.5) over every field but sign and
/// sign_type that has a value, sorted by name, joined as name=value with &amp;. Written here from the
/// gateway's documentation rather than shared with the sandbox, so a mistake on one side is caught
/// by the other.
/// </summary>
public sealed class GatewaySignature : IDisposable
{
    private readonly RSA _publicKey;

    public GatewaySignature(string publicKeyPem)
    {
        _publicKey = RSA.Create();
        _publicKey.ImportFromPem(publicKeyPem);
    }

    public static string CanonicalForm(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields
            .Where(f => f.Key is not ("sign" or "sign_type") && !string.IsNullOrEmpty(f.Value))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key}={f.Value}"));

    public bool Verifies(IReadOnlyDictionary<string, string> fields)
    {
        if (!fields.TryGetValue("sign_type", out var type) || type != "RSA2")
            return false;
        if (!fields.TryGetValue("sign", out var sign) || string.IsNullOrEmpty(sign))
            return false;
        var signature = new byte[sign.Length];
        if (!Convert.TryFromBase64String(sign, signature, out var length))
            return false;
        var data = Encoding.UTF8.GetBytes(CanonicalForm(fields));
        return _publicKey.VerifyData(data, signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public void Dispose() => _publicKey.Dispose();
}
