using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Inventory;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> s)
    {
        s.ToTable("StockLevels", t =>
        {
            // The database refuses what the guards in the UPDATEs should never let through.
            t.HasCheckConstraint("CK_StockLevels_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
        });
        s.HasKey(x => x.ProductId);
        s.Property(x => x.ProductId).ValueGeneratedNever();
        s.Property(x => x.Sku).HasMaxLength(64).IsRequired();
        s.HasIndex(x => x.Sku).IsUnique();
        s.Ignore(x => x.Available);
    }
}
