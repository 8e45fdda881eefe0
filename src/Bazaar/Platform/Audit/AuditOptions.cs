namespace Bazaar.Platform.Audit;

/// <summary>Audit:* settings.</summary>
public sealed class AuditOptions
{
    /// <summary>How often the sealer chains the entries appended since its last pass.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The chain's HMAC key (its UTF-8 bytes, at least 32 characters). Never stored in the database.</summary>
    public string? ChainKey { get; set; }

    /// <summary>A file holding the key, for deployments that mount secrets as files.</summary>
    public string? ChainKeyFile { get; set; }
}
