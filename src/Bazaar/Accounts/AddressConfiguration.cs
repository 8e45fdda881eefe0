using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Accounts;

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> a)
    {
        a.ToTable("Addresses");
        a.HasKey(x => x.Id);
        a.Property(x => x.Recipient).HasMaxLength(50).IsRequired();
        a.Property(x => x.Phone).HasMaxLength(20).IsRequired();
        a.Property(x => x.Province).HasMaxLength(30).IsRequired();
        a.Property(x => x.City).HasMaxLength(30).IsRequired();
        a.Property(x => x.District).HasMaxLength(30).IsRequired();
        a.Property(x => x.Street).HasMaxLength(200).IsRequired();
        a.Property(x => x.Postcode).HasMaxLength(6).IsRequired();
        a.HasOne<ShopUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => x.UserId);
        // At most one default address per customer, enforced by the database, not by luck.
        a.HasIndex([nameof(Address.UserId)], "IX_Addresses_OneDefault").IsUnique().HasFilter("\"IsDefault\"");
    }
}
