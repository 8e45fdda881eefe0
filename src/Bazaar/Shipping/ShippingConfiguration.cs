using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Shipping;

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> s)
    {
        s.ToTable("Shipments");
        s.Property(x => x.OrderNumber).HasMaxLength(32).IsRequired();
        s.Property(x => x.Carrier).HasMaxLength(32);
        s.Property(x => x.TrackingNumber).HasMaxLength(64);
        s.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        s.Property(x => x.RequestedBy).HasMaxLength(100);
        // One parcel per order: two operators pressing "ship" at once end at the same shipment.
        s.HasIndex(x => x.OrderId).IsUnique();
        s.HasIndex(x => x.TrackingNumber).IsUnique();
    }
}

internal sealed class TrackingEventConfiguration : IEntityTypeConfiguration<TrackingEvent>
{
    public void Configure(EntityTypeBuilder<TrackingEvent> e)
    {
        e.ToTable("TrackingEvents");
        e.Property(x => x.EventId).HasMaxLength(64).IsRequired();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Location).HasMaxLength(200);
        e.Property(x => x.Description).HasMaxLength(500);
        e.HasIndex(x => x.EventId).IsUnique();
        e.HasIndex(x => new { x.ShipmentId, x.OccurredAt });
        e.HasOne<Shipment>().WithMany().HasForeignKey(x => x.ShipmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
