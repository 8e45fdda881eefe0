using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.FlashSales;

internal sealed class FlashSaleConfiguration : IEntityTypeConfiguration<FlashSale>
{
    public void Configure(EntityTypeBuilder<FlashSale> s)
    {
        // The database itself refuses an oversold sale, whatever a bug above it might try.
        s.ToTable("FlashSales", t => t.HasCheckConstraint("CK_FlashSales_Sold", "\"Sold\" >= 0 AND \"Sold\" <= \"Quantity\""));
        s.Property(x => x.Sku).HasMaxLength(64);
        s.Property(x => x.CreatedBy).HasMaxLength(100);
        s.Ignore(x => x.Remaining);
        s.HasIndex(x => x.EndsAt);
        s.HasIndex(x => x.ProductId);
    }
}

internal sealed class FlashSalePurchaseConfiguration : IEntityTypeConfiguration<FlashSalePurchase>
{
    public void Configure(EntityTypeBuilder<FlashSalePurchase> p)
    {
        p.ToTable("FlashSalePurchases");
        p.HasKey(x => new { x.FlashSaleId, x.CustomerId });
        p.Property(x => x.IdempotencyKey).HasMaxLength(100);
        p.HasIndex(x => x.OrderId).IsUnique();
        p.HasOne<FlashSale>().WithMany().HasForeignKey(x => x.FlashSaleId).OnDelete(DeleteBehavior.Restrict);
    }
}
