using Bazaar.Platform.Data;
using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Platform.Protection;

/// <summary>A new copy of a phone number or an address (an order's, a text's) is encrypted like the original, or this fails.</summary>
public sealed class PersonalDataColumnsTests
{
    private static readonly string[] Personal = ["Phone", "PhoneNumber", "Recipient", "Province", "City", "District", "Street", "Postcode"];

    [Fact]
    public void Every_phone_number_and_address_column_is_encrypted_and_the_phone_number_has_a_blind_index()
    {
        using var db = new SqliteShopDb(new DbContextOptionsBuilder<SqliteShopDb>().UseSqlite("Data Source=:memory:").Options);
        var columns = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties().Select(p => (Type: t, Property: p))).ToList();

        var personal = columns.Where(c => Personal.Contains(c.Property.Name)
                                          || (c.Type.ClrType.Name == "CustomerNotification" && c.Property.Name == "To")).ToList();

        Assert.True(personal.Count >= 16, string.Join(", ", personal.Select(c => $"{c.Type.ClrType.Name}.{c.Property.Name}")));
        Assert.All(personal, c => Assert.True(c.Property.IsEncrypted(), $"{c.Type.ClrType.Name}.{c.Property.Name} is not encrypted."));
        var index = Assert.Single(columns, c => c.Property.BlindIndexSource() is not null);
        Assert.Equal(("ShopUser", "PhoneNumberIndex", "PhoneNumber"), (index.Type.ClrType.Name, index.Property.Name, index.Property.BlindIndexSource()));
        Assert.True(Assert.Single(index.Type.GetIndexes(), i => i.Properties.Contains(index.Property)).IsUnique);
    }
}
