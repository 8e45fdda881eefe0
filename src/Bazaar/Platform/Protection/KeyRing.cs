using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Protection;

/// <summary>
/// The keys personal data is encrypted and indexed with: Protection:Keys:&lt;id&gt; (base64, 32 bytes),
/// Protection:CurrentKey and Protection:IndexKey from configuration, over the same three read from
/// Protection:KeyFile (JSON: {"current": id, "keys": {id: base64}, "index": base64}). With neither, a
/// key file is made on first start in the data directory, so the embedded shop needs no setup. Never
/// from the database: a stolen dump must not carry what opens it.
/// </summary>
public sealed partial class KeyRing
{
    public const string GeneratedFileName = "protection.key";
    public const int KeyBytes = 32;

    private KeyRing(string currentId, IReadOnlyDictionary<string, byte[]> keys, byte[] indexKey, string source, bool generated)
    {
        CurrentId = currentId;
        Keys = keys;
        IndexKey = indexKey;
        Source = source;
        Generated = generated;
    }

    /// <summary>The key new values are encrypted under; the others only decrypt.</summary>
    public string CurrentId { get; }
    public IReadOnlyDictionary<string, byte[]> Keys { get; }
    /// <summary>The blind index's HMAC key: separate, since changing it means re-indexing every row.</summary>
    public byte[] IndexKey { get; }
    /// <summary>Where the ring came from, for the log: "configuration" or a file's path.</summary>
    public string Source { get; }
    /// <summary>True when this start made the key file: it must be backed up with the data, or the data is lost.</summary>
    public bool Generated { get; }

    public byte[] Current => Keys[CurrentId];

    public static KeyRing Create(string currentId, IReadOnlyDictionary<string, byte[]> keys, byte[] indexKey) =>
        Checked(currentId, keys.ToDictionary(k => k.Key, k => k.Value), indexKey, "code", false);

    public static KeyRing Load(IConfiguration config, IHostEnvironment env)
    {
        var section = config.GetSection("Protection");
        var configuredKeys = section.GetSection("Keys").GetChildren().ToList();
        var file = section["KeyFile"];
        var generated = false;
        if (string.IsNullOrWhiteSpace(file) && configuredKeys.Count == 0)
        {
            file = Path.Combine(StoragePaths.DataDirectory(config, env), GeneratedFileName);
            generated = CreateIfMissing(file);
        }
        else if (!string.IsNullOrWhiteSpace(file) && !Path.IsPathRooted(file))
            file = Path.Combine(env.ContentRootPath, file);

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? current = null, index = null;
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
                throw new InvalidOperationException($"Protection:KeyFile {file} does not exist.");
            JsonObject json;
            try
            {
                json = JsonNode.Parse(File.ReadAllText(file))?.AsObject() ?? throw new JsonException("empty");
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                throw new InvalidOperationException($"The key file {file} is not JSON of the form {{\"current\": id, \"keys\": {{id: base64}}, \"index\": base64}}.");
            }
            current = (string?)json["current"];
            index = (string?)json["index"];
            foreach (var (id, value) in json["keys"]?.AsObject() ?? [])
                keys[id] = Decode((string?)value, $"key {id} in {file}", KeyBytes);
        }
        foreach (var key in configuredKeys)
            keys[key.Key] = Decode(key.Value, $"Protection:Keys:{key.Key}", KeyBytes);
        current = section["CurrentKey"] is { Length: > 0 } c ? c : current;
        index = section["IndexKey"] is { Length: > 0 } i ? i : index;
        var source = string.IsNullOrWhiteSpace(file) ? "configuration" : file;
        if (string.IsNullOrWhiteSpace(current))
            throw new InvalidOperationException($"No current protection key: set Protection:CurrentKey (or \"current\" in the key file) to one of the ids under Protection:Keys.");
        return Checked(current, keys, Decode(index, "Protection:IndexKey", KeyBytes), source, generated);
    }

    private static KeyRing Checked(string current, Dictionary<string, byte[]> keys, byte[] index, string source, bool generated)
    {
        foreach (var (id, key) in keys)
        {
            if (!KeyId().IsMatch(id))
                throw new InvalidOperationException($"Protection key id '{id}' must be 1 to 16 letters, digits or '-'.");
            if (key.Length != KeyBytes)
                throw new InvalidOperationException($"Protection key '{id}' must be {KeyBytes} bytes.");
        }
        if (!keys.ContainsKey(current))
            throw new InvalidOperationException($"The current protection key '{current}' is not among the keys ({source}).");
        if (index.Length < KeyBytes)
            throw new InvalidOperationException($"Protection:IndexKey must be at least {KeyBytes} bytes.");
        return new(current, keys, index, source, generated);
    }

    private static byte[] Decode(string? base64, string name, int length)
    {
        if (string.IsNullOrWhiteSpace(base64))
            throw new InvalidOperationException($"{name} is missing: give it as base64 of {length} random bytes (openssl rand -base64 {length}).");
        try
        {
            var bytes = Convert.FromBase64String(base64.Trim());
            return bytes.Length >= length ? bytes : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{name} must be base64 of {length} random bytes (openssl rand -base64 {length}).");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex KeyId();

    /// <summary>A new key id: short, and distinct from any an operator would type.</summary>
    public static string NewKeyId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>A new ring with one data key and an index key, unless the file is there already.</summary>
    private static bool CreateIfMissing(string path) => SecretFile.CreateIfMissing(path, () =>
    {
        var id = NewKeyId();
        var json = new JsonObject
        {
            ["current"] = id,
            ["keys"] = new JsonObject { [id] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) },
            ["index"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    });
}
