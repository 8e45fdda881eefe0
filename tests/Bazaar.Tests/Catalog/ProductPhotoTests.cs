using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bazaar.Catalog;
using Bazaar.Tests.Platform;
using SkiaSharp;

namespace Bazaar.Tests.Catalog;

/// <summary>Operators upload pictures; shoppers get them in standard sizes; anything that is not a picture is refused.</summary>
public abstract class ProductPhotoTests(ShopFactory shop)
{
    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(200, 30, 60));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name = "photo.png", string type = "image/png")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { file, "file", name } };
    }

    [Fact]
    public async Task An_uploaded_picture_is_served_in_three_sizes_and_becomes_the_products_picture()
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();

        var response = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(Png(2000, 1000)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var photo = (await response.Content.ReadFromJsonAsync<PhotoView>())!;
        foreach (var (size, side) in new[] { ("thumb", 160), ("medium", 480), ("large", 1024) })
        {
            var served = await shop.Anonymous().GetAsync(photo.Urls[size]);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
            using var decoded = SKBitmap.Decode(await served.Content.ReadAsByteArrayAsync());
            Assert.Equal(side, decoded.Width);
            Assert.Equal(side / 2, decoded.Height);
        }
        var detail = await CatalogApi.ProductAsync(shop.Anonymous(), product.Id);
        Assert.Equal(photo.Urls["medium"], detail.ImageUrl);
    }

    [Fact]
    public async Task The_product_page_shows_a_picture_as_soon_as_it_is_added_and_drops_it_once_removed()
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();
        Assert.DoesNotContain("data-testid=\"gallery\"", await shop.Anonymous().GetStringAsync($"/products/{product.Id}"));

        var photo = (await (await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(Png(300, 300))))
            .Content.ReadFromJsonAsync<PhotoView>())!;
        Assert.Contains(photo.Urls["medium"], await shop.Anonymous().GetStringAsync($"/products/{product.Id}"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/products/{product.Id}/photos/{photo.Id}")).StatusCode);
        Assert.DoesNotContain(photo.Urls["medium"], await shop.Anonymous().GetStringAsync($"/products/{product.Id}"));
    }

    [Fact]
    public async Task The_main_picture_can_be_changed_and_removing_all_brings_back_the_generated_card()
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();
        var first = (await (await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(Png(300, 300)))).Content.ReadFromJsonAsync<PhotoView>())!;
        var second = (await (await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(Png(400, 300)))).Content.ReadFromJsonAsync<PhotoView>())!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos/{second.Id}/main", null)).StatusCode);
        Assert.Equal(second.Urls["medium"], (await CatalogApi.ProductAsync(shop.Anonymous(), product.Id)).ImageUrl);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/products/{product.Id}/photos/{second.Id}")).StatusCode);
        Assert.Equal(first.Urls["medium"], (await CatalogApi.ProductAsync(shop.Anonymous(), product.Id)).ImageUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Anonymous().GetAsync(second.Urls["thumb"])).StatusCode);

        await admin.DeleteAsync($"/api/v1/admin/products/{product.Id}/photos/{first.Id}");
        Assert.EndsWith(".svg", new Uri("http://x" + (await CatalogApi.ProductAsync(shop.Anonymous(), product.Id)).ImageUrl).AbsolutePath);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("truncated")]
    [InlineData("huge")]
    public async Task Something_that_is_not_a_picture_we_take_is_a_400_naming_the_file_and_adds_nothing(string kind)
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();
        var bytes = kind switch
        {
            "text" => "<script>alert(1)</script>"u8.ToArray(),             // named .png, typed image/png: the bytes decide
            "truncated" => Png(50, 50)[..40],
            _ => HugeDimensionsPng(),
        };

        var response = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(bytes));

        await CatalogApi.AssertFieldErrorAsync(response, "file");
        var list = await admin.GetFromJsonAsync<List<PhotoView>>($"/api/v1/admin/products/{product.Id}/photos");
        Assert.Empty(list!);
    }

    /// <summary>A small file whose header claims 20,000 × 20,000 pixels: refused before a pixel is decoded.</summary>
    private static byte[] HugeDimensionsPng()
    {
        var png = Png(10, 10);
        // IHDR width and height are big-endian at bytes 16..23; the CRC no longer matches, which a decoder may also refuse.
        png[16] = 0; png[17] = 0; png[18] = 0x4E; png[19] = 0x20;
        png[20] = 0; png[21] = 0; png[22] = 0x4E; png[23] = 0x20;
        return png;
    }

    [Fact]
    public async Task Pictures_are_limited_in_number_and_size_and_only_admins_upload()
    {
        var product = await CatalogApi.CreateProductAsync(shop);
        var admin = await shop.AdminAsync();
        var small = Png(64, 64);
        for (var i = 0; i < ManageProductPhotos.MaxPhotos; i++)
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(small))).StatusCode);

        var eleventh = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(small));
        var tooBig = await admin.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(new byte[PhotoSizes.MaxBytes + 1]));
        var (customer, _, _) = await shop.NewCustomerAsync();
        var byCustomer = await customer.PostAsync($"/api/v1/admin/products/{product.Id}/photos", Upload(small));

        Assert.Equal(HttpStatusCode.Conflict, eleventh.StatusCode);
        Assert.True(tooBig.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{tooBig.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
    }
}

public sealed class ProductPhotoTests_Sqlite(SqliteShop shop) : ProductPhotoTests(shop), IClassFixture<SqliteShop>;
public sealed class ProductPhotoTests_Postgres(PostgresShop shop) : ProductPhotoTests(shop), IClassFixture<PostgresShop>;
