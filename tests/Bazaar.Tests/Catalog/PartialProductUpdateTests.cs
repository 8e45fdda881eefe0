using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>A client that leaves out isPublished must not take a product off the shelf by accident.</summary>
public abstract class PartialProductUpdateTests(ShopFactory shop)
{
    [Fact]
    public async Task Changing_a_price_without_isPublished_keeps_the_product_on_sale()
    {
        var admin = await shop.AdminAsync();
        var aisle = await CatalogApi.AisleAsync(shop.Anonymous());
        var body = CatalogApi.ProductBody(aisle.Id);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/products", body);
        var id = (await created.Content.ReadFromJsonAsync<CatalogApi.Created>())!.Id;

        body.Remove("isPublished");
        body["price"] = 66.60m;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);

        var shown = await CatalogApi.ProductAsync(shop.Anonymous(), id);
        Assert.Equal(66.60m, shown.Price);
    }

    [Fact]
    public async Task A_product_created_without_isPublished_is_a_draft_shoppers_do_not_see()
    {
        var admin = await shop.AdminAsync();
        var aisle = await CatalogApi.AisleAsync(shop.Anonymous());
        var body = CatalogApi.ProductBody(aisle.Id);
        body.Remove("isPublished");

        var created = await admin.PostAsJsonAsync("/api/v1/admin/products", body);
        var id = (await created.Content.ReadFromJsonAsync<CatalogApi.Created>())!.Id;

        Assert.Equal(HttpStatusCode.NotFound, (await shop.Anonymous().GetAsync($"/api/v1/products/{id}")).StatusCode);
    }
}

public sealed class PartialProductUpdateTests_Sqlite(SqliteShop shop) : PartialProductUpdateTests(shop), IClassFixture<SqliteShop>;
public sealed class PartialProductUpdateTests_Postgres(PostgresShop shop) : PartialProductUpdateTests(shop), IClassFixture<PostgresShop>;
