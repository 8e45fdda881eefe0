using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Ordering;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> o)
    {
        o.ToTable("Orders");
        o.Property(x => x.Number).HasMaxLength(24).IsRequired();
        o.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        o.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        // The address the order ships to is a copy of the customer's: encrypted at rest like the original.
        o.Property(x => x.Recipient).IsEncrypted(50);
        o.Property(x => x.Phone).IsEncrypted(20);
        o.Property(x => x.Province).IsEncrypted(30);
        o.Property(x => x.City).IsEncrypted(30);
        o.Property(x => x.District).IsEncrypted(30);
        o.Property(x => x.Street).IsEncrypted(200);
        o.Property(x => x.Postcode).IsEncrypted(6);
        o.Property(x => x.IdempotencyKey).HasMaxLength(100);
        o.Property(x => x.RequestHash).HasMaxLength(64);
        o.HasIndex(x => x.Number).IsUnique();
        // The idempotency guarantee lives here: a second insert with the same key fails, whatever the timing.
        o.HasIndex(x => new { x.CustomerId, x.IdempotencyKey }).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        o.HasIndex(x => new { x.CustomerId, x.PlacedAt });
        o.HasIndex(x => new { x.Status, x.PaymentDueAt });
        o.HasIndex(x => x.PlacedAt);
        o.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> l)
    {
        l.ToTable("OrderLines");
        l.HasKey(x => new { x.OrderId, x.LineNo });
        l.Property(x => x.Sku).HasMaxLength(64);
        l.Property(x => x.NameZh).HasMaxLength(200);
        l.Property(x => x.NameEn).HasMaxLength(200);
        l.HasIndex(x => x.ProductId);
    }
}

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> c)
    {
        c.ToTable("OrderStatusChanges");
        c.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.By).HasMaxLength(64);
        c.Property(x => x.Reason).HasMaxLength(200);
        c.HasIndex(x => new { x.OrderId, x.At });
        c.HasOne<Order>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
