using Microsoft.EntityFrameworkCore;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Payments;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> p)
    {
        p.ToTable("Payments");
        p.Property(x => x.OrderNumber).HasMaxLength(32).IsRequired();
        p.Property(x => x.Amount).HasPrecision(18, 2);
        p.Property(x => x.RefundedAmount).HasPrecision(18, 2);
        p.Property(x => x.Currency).HasMaxLength(3).IsRequired();
        p.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        p.Property(x => x.GatewayPaymentId).HasMaxLength(64);
        p.Property(x => x.PayUrl).HasMaxLength(1000);
        p.HasIndex(x => x.OrderId);
        p.HasIndex(x => x.GatewayPaymentId).IsUnique();
        // The reconciliation job's question: which attempts are still pending, oldest first.
        p.HasIndex(x => new { x.Status, x.CreatedAt });
    }
}

internal sealed class PaymentNotificationConfiguration : IEntityTypeConfiguration<PaymentNotification>
{
    public void Configure(EntityTypeBuilder<PaymentNotification> n)
    {
        n.ToTable("PaymentNotifications");
        n.HasKey(x => x.NotifyId);
        n.Property(x => x.NotifyId).HasMaxLength(64);
        n.Property(x => x.Type).HasMaxLength(32);
        n.Property(x => x.Body).HasMaxLength(8000);
        n.HasIndex(x => x.PaymentId);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> r)
    {
        r.ToTable("Refunds");
        r.Property(x => x.Amount).HasPrecision(18, 2);
        r.Property(x => x.Reason).HasMaxLength(500).IsRequired();
        r.Property(x => x.RequestedBy).HasMaxLength(100);
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.GatewayRefundId).HasMaxLength(64);
        r.Property(x => x.LastError).HasMaxLength(1000);
        r.HasIndex(x => x.OrderId);
        r.HasIndex(x => x.PaymentId);
    }
}

/// <summary>
/// The refund ceiling as a constraint, on PostgreSQL where money is numeric. SQLite keeps money as
/// text, which a CHECK would compare as text; there the conditional update alone guards it.
/// </summary>
internal sealed class PaymentChecks : IPostgresModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<Payment>().ToTable(t => t.HasCheckConstraint("CK_Payments_Refunded",
            "\"RefundedAmount\" >= 0 AND \"RefundedAmount\" <= \"Amount\""));
        model.Entity<Refund>().ToTable(t => t.HasCheckConstraint("CK_Refunds_Amount", "\"Amount\" > 0"));
    }
}
