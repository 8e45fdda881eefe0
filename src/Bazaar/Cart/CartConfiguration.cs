using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Cart;

internal sealed class ShoppingCartConfiguration : IEntityTypeConfiguration<ShoppingCart>
{
    public void Configure(EntityTypeBuilder<ShoppingCart> c)
    {
        c.ToTable("Carts");
        c.Property(x => x.GuestToken).HasMaxLength(64);
        // One cart per customer and per guest cookie, even when two tabs create it at once.
        c.HasIndex(x => x.CustomerId).IsUnique().HasFilter("\"CustomerId\" IS NOT NULL");
        c.HasIndex(x => x.GuestToken).IsUnique().HasFilter("\"GuestToken\" IS NOT NULL");
        c.HasIndex(x => x.UpdatedAt);
        c.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.CartId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CartLineConfiguration : IEntityTypeConfiguration<CartLine>
{
    public void Configure(EntityTypeBuilder<CartLine> l)
    {
        l.ToTable("CartLines", t => t.HasCheckConstraint("CK_CartLines_Quantity", "\"Quantity\" BETWEEN 1 AND 99"));
        l.HasKey(x => new { x.CartId, x.ProductId });
    }
}
