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
            t.HasCheckConstraint("CK_StockLevels_LowStockThreshold", "\"LowStockThreshold\" >= 0");
        });
        s.HasKey(x => x.ProductId);
        s.Property(x => x.ProductId).ValueGeneratedNever();
        s.Property(x => x.Sku).HasMaxLength(64).IsRequired();
        s.HasIndex(x => x.Sku).IsUnique();
        // A database default, because the bulk paths (COPY, the prepared INSERT) do not name the column.
        // The sentinel is a value no row can have, so EF still sends an explicit 0 instead of
        // mistaking it for "unset" and letting the default turn it into 5.
        s.Property(x => x.LowStockThreshold).HasDefaultValue(IInventory.DefaultLowStockThreshold).HasSentinel(-1);
        s.Ignore(x => x.Available);
    }
}
