using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Platform.Audit;

/// <summary>
/// One thing that happened in the back office or to an account's security: who, when, what, to
/// what, from where. Append-only: the database refuses UPDATE and DELETE on the table (triggers
/// added by the AuditLog migration), so not even a bug in a page can rewrite history.
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
    }
}
