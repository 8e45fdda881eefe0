using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Tests.Sandbox;

/// <summary>
/// The checks a shop would write from PROTOCOL.md alone, deliberately not reusing the sandbox's code,
/// so a mistake there cannot hide behind the same mistake here.
/// </summary>
public static class Signatures
{
    public static bool GatewayVerifies(IReadOnlyDictionary<string, string> fields, string sign, string publicKeyPem)
    {
        var canonical = string.Join("&", fields
            .Where(f => f.Key != "sign" && f.Key != "sign_type" && f.Value.Length > 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + "=" + f.Value));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        return rsa.VerifyData(Encoding.UTF8.GetBytes(canonical), Convert.FromBase64String(sign),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    public static bool GatewayVerifies(IReadOnlyDictionary<string, string> form, string publicKeyPem) =>
        GatewayVerifies(form, form["sign"], publicKeyPem);

    public static string OtherPublicKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>What X-Carrier-Signature must be, from the secret file's text, the timestamp header and the raw body.</summary>
    public static string CarrierSignature(string secretFileText, string timestamp, byte[] body)
    {
        var key = Encoding.UTF8.GetBytes(secretFileText.Trim());
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        using var hmac = new HMACSHA256(key);
        return "sha256=" + string.Concat(hmac.ComputeHash(signed).Select(b => b.ToString("x2")));
    }
}
