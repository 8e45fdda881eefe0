using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>Operators set the order departments and aisles appear in; shoppers see the new order at once.</summary>
public abstract class MoveCategoryTests(ShopFactory shop)
{
    [Fact]
    public async Task Moving_a_department_up_puts_it_before_the_one_above_for_shoppers()
    {
        var admin = await shop.AdminAsync();
        var before = await CatalogApi.CategoriesAsync(shop.Anonymous());
        var (first, second) = (before[0], before[1]);

        var moved = await admin.PostAsJsonAsync($"/api/v1/admin/categories/{second.Id}/move", new { direction = "up" });
        var top = await admin.PostAsJsonAsync($"/api/v1/admin/categories/{second.Id}/move", new { direction = "up" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, top.StatusCode); // already first: stays first
        var after = await CatalogApi.CategoriesAsync(shop.Anonymous());
        Assert.Equal([second.Id, first.Id], after.Take(2).Select(c => c.Id));
        Assert.Equal(before.Select(c => c.Id).Order(), after.Select(c => c.Id).Order());

        // Put it back for the other tests of this shop.
        await admin.PostAsJsonAsync($"/api/v1/admin/categories/{second.Id}/move", new { direction = "down" });
        Assert.Equal([first.Id, second.Id], (await CatalogApi.CategoriesAsync(shop.Anonymous())).Take(2).Select(c => c.Id));
    }

    [Fact]
    public async Task A_bad_direction_is_a_400_and_an_unknown_category_a_404()
    {
        var admin = await shop.AdminAsync();
        var any = (await CatalogApi.CategoriesAsync(shop.Anonymous()))[0];

        await CatalogApi.AssertFieldErrorAsync(await admin.PostAsJsonAsync($"/api/v1/admin/categories/{any.Id}/move", new { direction = "sideways" }), "direction");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/admin/categories/999999/move", new { direction = "up" })).StatusCode);
    }
}

public sealed class MoveCategoryTests_Sqlite(SqliteShop shop) : MoveCategoryTests(shop), IClassFixture<SqliteShop>;
public sealed class MoveCategoryTests_Postgres(PostgresShop shop) : MoveCategoryTests(shop), IClassFixture<PostgresShop>;
