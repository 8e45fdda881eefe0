using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Inventory;

internal sealed class StockReservationConfiguration : IEntityTypeConfiguration<StockReservation>
{
    public void Configure(EntityTypeBuilder<StockReservation> r)
    {
        r.ToTable("StockReservations", t => t.HasCheckConstraint("CK_StockReservations_Quantity", "\"Quantity\" > 0"));
        r.HasKey(x => new { x.OrderId, x.ProductId });
        r.HasIndex(x => new { x.ProductId, x.Status });
        r.HasOne<StockLevel>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
