using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Platform.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> m)
    {
        m.ToTable("OutboxMessages");
        m.Property(x => x.Type).HasMaxLength(200).IsRequired();
        m.Property(x => x.Payload).IsRequired();
        m.Property(x => x.LastError).HasMaxLength(2000);
        // The dispatcher's question: what is unprocessed and due, oldest first.
        m.HasIndex(x => new { x.ProcessedAt, x.AvailableAt });
        m.HasIndex(x => x.OccurredAt);
    }
}

internal sealed class OutboxDeliveryConfiguration : IEntityTypeConfiguration<OutboxDelivery>
{
    public void Configure(EntityTypeBuilder<OutboxDelivery> d)
    {
        d.ToTable("OutboxDeliveries");
        d.HasKey(x => new { x.MessageId, x.Handler });
        d.Property(x => x.Handler).HasMaxLength(300);
        d.HasOne<OutboxMessage>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
