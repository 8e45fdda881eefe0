using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Sandbox;

/// <summary>
/// The gateway's RSA key pair and the carrier's HMAC secret, made on first start under the data
/// directory and reused afterwards, so a shop that copied the public key keeps verifying.
/// </summary>
public sealed class SandboxKeys
{
    public const string GatewayPrivateKeyFile = "gateway-private.pem";
    public const string GatewayPublicKeyFile = "gateway-public.pem";
    public const string CarrierSecretFile = "carrier-secret.txt";

    // RSA objects are not documented as safe for concurrent use; notifications are signed from many threads.
    private readonly Lock _signing = new();
    private readonly byte[] _carrierKey;

    private SandboxKeys(RSA gatewayPrivateKey, string directory, string carrierSecret)
    {
        GatewayPrivateKey = gatewayPrivateKey;
        GatewayPrivateKeyPath = Path.Combine(directory, GatewayPrivateKeyFile);
        GatewayPublicKeyPath = Path.Combine(directory, GatewayPublicKeyFile);
        GatewayPublicKeyPem = gatewayPrivateKey.ExportSubjectPublicKeyInfoPem();
        CarrierSecretPath = Path.Combine(directory, CarrierSecretFile);
        CarrierSecret = carrierSecret;
        _carrierKey = Encoding.UTF8.GetBytes(carrierSecret);
    }

    public RSA GatewayPrivateKey { get; }
    public string GatewayPrivateKeyPath { get; }
    public string GatewayPublicKeyPath { get; }
    /// <summary>SubjectPublicKeyInfo PEM: what the shop verifies notifications and query answers with.</summary>
    public string GatewayPublicKeyPem { get; }
    public string CarrierSecretPath { get; }
    /// <summary>The trimmed text of carrier-secret.txt; the HMAC key is its UTF-8 bytes.</summary>
    public string CarrierSecret { get; }

    /// <summary>Base64 RSA-SHA256 (PKCS#1 v1.5) signature over the canonical form of the fields.</summary>
    public string SignGateway(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var data = Encoding.UTF8.GetBytes(CanonicalForm.Of(fields));
        lock (_signing)
            return Convert.ToBase64String(GatewayPrivateKey.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public string SignGateway(IReadOnlyDictionary<string, string> fields) =>
        SignGateway((IEnumerable<KeyValuePair<string, string>>)fields);

    /// <summary>The whole X-Carrier-Signature header value: "sha256=" and lowercase hex of HMAC-SHA256 over "timestamp.body".</summary>
    public string SignCarrier(long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(_carrierKey, signed));
    }

    /// <summary>Loads the keys from the directory, making whichever is missing. Safe when several processes start at once.</summary>
    public static SandboxKeys LoadOrCreate(string directory)
    {
        Directory.CreateDirectory(directory);
        var privatePem = ReadOrCreate(Path.Combine(directory, GatewayPrivateKeyFile), () =>
        {
            using var fresh = RSA.Create(2048);
            return fresh.ExportPkcs8PrivateKeyPem();
        });
        var rsa = RSA.Create();
        rsa.ImportFromPem(privatePem);
        var carrierSecret = ReadOrCreate(Path.Combine(directory, CarrierSecretFile),
            () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).Trim();
        var keys = new SandboxKeys(rsa, directory, carrierSecret);
        // The public key is derived, so it is rewritten whenever it is missing or does not match the private key.
        var publicOnDisk = File.Exists(keys.GatewayPublicKeyPath) ? File.ReadAllText(keys.GatewayPublicKeyPath) : null;
        if (publicOnDisk?.Trim() != keys.GatewayPublicKeyPem.Trim())
            WriteAtomically(keys.GatewayPublicKeyPath, keys.GatewayPublicKeyPem + "\n", secret: false, overwrite: true);
        return keys;
    }

    private static string ReadOrCreate(string path, Func<string> create)
    {
        if (File.Exists(path))
            return File.ReadAllText(path);
        // Another process may win the race: its file stays and both use it.
        WriteAtomically(path, create() + "\n", secret: true, overwrite: false);
        return File.ReadAllText(path);
    }

    /// <summary>Writes next to the target and moves into place, so nobody ever reads half a key.</summary>
    private static void WriteAtomically(string path, string text, bool secret, bool overwrite)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, new UTF8Encoding(false), options))
            writer.Write(text);
        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
