using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Platform.Audit;

/// <summary>
/// One thing that happened in the back office or to an account's security: who, when, what, to
/// what, from where. Append-only: the database refuses UPDATE and DELETE on the table (triggers
/// added by the AuditLog migration), so not even a bug in a page can rewrite history. Tamper-evident:
/// the sealer gives each entry, once, its place in the chain and a MAC over its content and the
/// previous entry's MAC (<see cref="AuditSeal"/>), so a change made around the triggers shows in
/// `bazaar audit verify`.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Target { get; set; } = "";
    public string? Details { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>1, 2, 3... in the order the entries were sealed; null until sealed.</summary>
    public long? ChainPosition { get; set; }

    /// <summary>HMAC-SHA256 over <see cref="PreviousMac"/> and the content; null until sealed.</summary>
    public byte[]? Mac { get; set; }

    /// <summary>
    /// The MAC of the entry sealed just before (32 zero bytes for the first): redundant for integrity,
    /// kept so that verify can tell a missing or reordered entry from a changed one.
    /// </summary>
    public byte[]? PreviousMac { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> a)
    {
        a.ToTable("AuditEntries");
        a.Property(x => x.Actor).HasMaxLength(100).IsRequired();
        a.Property(x => x.Action).HasMaxLength(64).IsRequired();
        a.Property(x => x.Target).HasMaxLength(200);
        a.Property(x => x.Details).HasMaxLength(2000);
        a.Property(x => x.IpAddress).HasMaxLength(64);
        a.HasIndex(x => x.At);
        a.HasIndex(x => new { x.Action, x.At });
        a.HasIndex(x => new { x.ActorId, x.At });
        a.Property(x => x.Mac).HasMaxLength(32);
        a.Property(x => x.PreviousMac).HasMaxLength(32);
        // Unique: were two sealers ever to run at once, the second one's pass fails instead of forking the chain.
        a.HasIndex(x => x.ChainPosition).IsUnique();
        a.HasIndex(x => x.Id).HasFilter("\"ChainPosition\" IS NULL").HasDatabaseName("IX_AuditEntries_Unsealed");
    }
}
