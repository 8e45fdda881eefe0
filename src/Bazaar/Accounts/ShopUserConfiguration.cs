using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Accounts;

internal sealed class ShopUserConfiguration : IEntityTypeConfiguration<ShopUser>
{
    public void Configure(EntityTypeBuilder<ShopUser> user)
    {
        user.Property(u => u.PhoneNumber).HasMaxLength(20);
        // One account per phone number: sign-in by phone must find exactly one person.
        user.HasIndex(u => u.PhoneNumber).IsUnique();
    }
}
