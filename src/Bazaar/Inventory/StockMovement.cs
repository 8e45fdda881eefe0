using Bazaar.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Inventory;

/// <summary>Why a product's stock changed.</summary>
[ModuleContract]
public enum StockMovementKind { Reserved, Released, Sold, Returned, Adjusted }

/// <summary>
/// One change to one product's stock, written in the same transaction as the change itself, so the
/// history always adds up to what is on the shelf: reservations and releases move Reserved, a sale
/// moves both, a return and an operator's adjustment move OnHand.
/// </summary>
public sealed class StockMovement
{
    public long Id { get; set; }
    public int ProductId { get; set; }
    public StockMovementKind Kind { get; set; }
    public int OnHandChange { get; set; }
    public int ReservedChange { get; set; }
    public Guid? OrderId { get; set; }
    public string? Reason { get; set; }
    public string By { get; set; } = "";
    public DateTime At { get; set; }
}

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> m)
    {
        m.ToTable("StockMovements");
        m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.Reason).HasMaxLength(500);
        m.Property(x => x.By).HasMaxLength(100);
        m.HasIndex(x => new { x.ProductId, x.Id });
        m.HasIndex(x => x.OrderId);
    }
}
