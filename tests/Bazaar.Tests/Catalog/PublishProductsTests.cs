using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>Taking many products off the shelf at once, and putting them back.</summary>
public abstract class PublishProductsTests(ShopFactory shop)
{
    [Fact]
    public async Task Unpublishing_in_bulk_hides_the_products_from_shoppers_and_counts_only_real_changes()
    {
        var admin = await shop.AdminAsync();
        var a = await CatalogApi.CreateProductAsync(shop);
        var b = await CatalogApi.CreateProductAsync(shop);

        var off = await admin.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = new[] { a.Id, b.Id, a.Id }, published = false });
        var again = await admin.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = new[] { a.Id, b.Id }, published = false });

        Assert.Equal(2, (await off.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("changed").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Anonymous().GetAsync($"/api/v1/products/{a.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Anonymous().GetAsync($"/api/v1/products/{b.Id}")).StatusCode);

        await admin.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = new[] { a.Id }, published = true });
        Assert.Equal(HttpStatusCode.OK, (await shop.Anonymous().GetAsync($"/api/v1/products/{a.Id}")).StatusCode);
    }

    [Fact]
    public async Task An_empty_choice_or_a_missing_flag_is_a_400_and_customers_get_403()
    {
        var admin = await shop.AdminAsync();
        var (customer, _, _) = await shop.NewCustomerAsync();

        await CatalogApi.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = Array.Empty<int>(), published = true }), "ids");
        await CatalogApi.AssertFieldErrorAsync(await admin.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = new[] { 1 } }), "published");
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/v1/admin/products/publication", new { ids = new[] { 1 }, published = false })).StatusCode);
    }
}

public sealed class PublishProductsTests_Sqlite(SqliteShop shop) : PublishProductsTests(shop), IClassFixture<SqliteShop>;
public sealed class PublishProductsTests_Postgres(PostgresShop shop) : PublishProductsTests(shop), IClassFixture<PostgresShop>;
