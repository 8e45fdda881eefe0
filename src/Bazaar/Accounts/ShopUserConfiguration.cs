using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Accounts;

internal sealed class ShopUserConfiguration : IEntityTypeConfiguration<ShopUser>
{
    public void Configure(EntityTypeBuilder<ShopUser> user)
    {
        user.Property(u => u.PhoneNumber).IsEncrypted(20);
        user.Property(u => u.PhoneNumberIndex).IsBlindIndexOf(nameof(ShopUser.PhoneNumber));
        // One account per phone number: sign-in by phone must find exactly one person.
        user.HasIndex(u => u.PhoneNumberIndex).IsUnique();
    }
}
