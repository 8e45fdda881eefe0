using System.Security.Cryptography;
using System.Text;
using Bazaar.Platform.Data;
using Bazaar.Platform.Protection;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Audit;

/// <summary>
/// The key the chain is sealed with: Audit:ChainKey, else Audit:ChainKeyFile, else (embedded mode
/// only) a key made on first start beside the SQLite file. Never from the database: whoever can
/// rewrite the table must not also be able to reseal it. A cluster on PostgreSQL has no default,
/// since every instance would make a different one; until it is configured entries are kept unsealed.
/// </summary>
public sealed class AuditChainKey
{
    public const string GeneratedFileName = "audit-chain.key";
    private const int MinimumLength = 32;

    private AuditChainKey(byte[]? key, string? source, bool generated)
    {
        Bytes = key;
        Source = source;
        Generated = generated;
    }

    /// <summary>Null when no key is configured (PostgreSQL without Audit:ChainKey[File]).</summary>
    public byte[]? Bytes { get; }

    /// <summary>Where the key came from, for the log: "Audit:ChainKey" or a file's path.</summary>
    public string? Source { get; }

    /// <summary>True when this start made the key file: the operator must back it up with the data.</summary>
    public bool Generated { get; }

    public byte[] Required => Bytes ?? throw new InvalidOperationException(
        "No audit chain key: set Audit:ChainKey or Audit:ChainKeyFile (the same on every instance).");

    public static AuditChainKey Load(IOptions<AuditOptions> options, DatabaseOptions database, IConfiguration config, IHostEnvironment env)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ChainKey))
            return new(Checked(o.ChainKey.Trim(), "Audit:ChainKey"), "Audit:ChainKey", false);
        if (!string.IsNullOrWhiteSpace(o.ChainKeyFile))
        {
            var path = Path.IsPathRooted(o.ChainKeyFile) ? o.ChainKeyFile : Path.Combine(env.ContentRootPath, o.ChainKeyFile);
            return new(Checked(File.ReadAllText(path).Trim(), path), path, false);
        }
        if (database.Provider != DatabaseProvider.Sqlite)
            return new(null, null, false);
        var file = Path.Combine(StoragePaths.DataDirectory(config, env), GeneratedFileName);
        var generated = CreateIfMissing(file);
        return new(Checked(File.ReadAllText(file).Trim(), file), file, generated);
    }

    private static byte[] Checked(string key, string source) => key.Length >= MinimumLength
        ? Encoding.UTF8.GetBytes(key)
        : throw new InvalidOperationException($"The audit chain key from {source} is shorter than {MinimumLength} characters.");

    private static bool CreateIfMissing(string path) =>
        SecretFile.CreateIfMissing(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
}
