using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Accounts;

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> a)
    {
        a.ToTable("Addresses");
        a.HasKey(x => x.Id);
        // Personal data: encrypted at rest (docs/security.md); the lengths are the plain text's.
        a.Property(x => x.Recipient).IsEncrypted(50).IsRequired();
        a.Property(x => x.Phone).IsEncrypted(20).IsRequired();
        a.Property(x => x.Province).IsEncrypted(30).IsRequired();
        a.Property(x => x.City).IsEncrypted(30).IsRequired();
        a.Property(x => x.District).IsEncrypted(30).IsRequired();
        a.Property(x => x.Street).IsEncrypted(200).IsRequired();
        a.Property(x => x.Postcode).IsEncrypted(6).IsRequired();
        a.HasOne<ShopUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        a.HasIndex(x => x.UserId);
        // At most one default address per customer, enforced by the database, not by luck.
        a.HasIndex([nameof(Address.UserId)], "IX_Addresses_OneDefault").IsUnique().HasFilter("\"IsDefault\"");
    }
}
