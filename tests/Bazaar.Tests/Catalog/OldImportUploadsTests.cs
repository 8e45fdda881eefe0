using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// Uploads an earlier version left waiting on disk (imports lived in its memory then) belong to no
/// import anyone can see or run: the shop deletes them when it starts, and keeps other files.
/// </summary>
public sealed class OldImportUploadsTests
{
    [Fact]
    public async Task Uploads_left_by_an_earlier_version_are_deleted_at_start()
    {
        var shop = new SqliteShop();
        try
        {
            await StartsAndForgetsAsync(shop);
        }
        finally
        {
            await ((IAsyncLifetime)shop).DisposeAsync(); // also deletes its data directory
        }
    }

    private static async Task StartsAndForgetsAsync(SqliteShop shop)
    {
        var folder = Path.Combine(shop.DataDirectory, "imports");
        Directory.CreateDirectory(folder);
        var old = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(old, "sku,nameZh,nameEn,price,category\nOLD-1,旧,Old,1.00,phones\n");
        var other = Path.Combine(shop.DataDirectory, "keep.txt");
        await File.WriteAllTextAsync(other, "not an upload");

        await shop.InitializeAsync();
        using var client = shop.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);

        Assert.False(File.Exists(old));
        Assert.False(Directory.Exists(folder));
        Assert.True(File.Exists(other));
    }
}
