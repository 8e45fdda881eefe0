using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// A search repeated within a few seconds is answered from the result cache (no SQL), and a shopper
/// searching again after an operator renamed or repriced a product sees the change at once, on the
/// instance that changed it and, within a second, on every other.
/// </summary>
public abstract class SearchResultCacheTests(ShopFactory shop)
{
    [Fact]
    public async Task A_repeated_search_costs_no_SQL_until_a_product_changes_and_then_shows_the_change()
    {
        var tag = "zqr" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b');
        var (id, body) = await NewProductAsync(shop, tag);
        Assert.Equal((tag + " mug", 41.50m), await FirstHitAsync(shop, tag));

        using (var sql = SqlCommands.On(shop))
        {
            Assert.Equal((tag + " mug", 41.50m), await FirstHitAsync(shop, tag));
            Assert.Equal(0, sql.Count(IsSearch)); // the result cache answered
        }

        body["nameEn"] = tag + " cup";
        body["price"] = 39.90m;
        Assert.Equal(HttpStatusCode.NoContent, (await (await shop.AdminAsync()).PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);

        Assert.Equal((tag + " cup", 39.90m), await FirstHitAsync(shop, tag));
    }

    [Fact]
    public async Task The_same_words_in_another_case_or_spacing_share_the_cached_result_but_another_sort_does_not()
    {
        var tag = "zqs" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b');
        await NewProductAsync(shop, tag);
        await FirstHitAsync(shop, tag);

        using var sql = SqlCommands.On(shop);
        await FirstHitAsync(shop, "  " + tag.ToUpperInvariant() + " ");
        Assert.Equal(0, sql.Count(IsSearch));
        await FirstHitAsync(shop, tag, "&sort=price_desc");
        Assert.NotEqual(0, sql.Count(IsSearch));
    }

    // The full-text index's SQL on either database (background jobs may send SQL of their own meanwhile).
    private static bool IsSearch(string sql) => sql.Contains("SearchVector") || sql.Contains("ProductSearch MATCH");

    internal static async Task<(int Id, Dictionary<string, object?> Body)> NewProductAsync(ShopFactory shop, string tag)
    {
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(shop.Anonymous())).Id, price: 41.50m);
        body["nameEn"] = tag + " mug";
        body["nameZh"] = tag + " 马克杯";
        return ((await CatalogApi.CreateProductAsync(await shop.AdminAsync(), body)).Id, body);
    }

    /// <summary>The name and price of the first product an English-speaking shopper finds.</summary>
    internal static async Task<(string Name, decimal Price)> FirstHitAsync(ShopFactory shop, string q, string more = "")
    {
        var response = await CatalogApi.GetAsync(shop.Anonymous(), $"/api/v1/products?q={Uri.EscapeDataString(q)}{more}", "en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        return (first.GetProperty("name").GetString()!, first.GetProperty("price").GetDecimal());
    }
}

public sealed class SearchResultCacheTests_Sqlite(SqliteShop shop) : SearchResultCacheTests(shop), IClassFixture<SqliteShop>;

public sealed class SearchResultCacheTests_Postgres(PostgresShop shop) : SearchResultCacheTests(shop), IClassFixture<PostgresShop>;

/// <summary>Two instances on one database and one Redis: a change on one reaches the other's cached search within a second.</summary>
public sealed class SearchResultCacheAcrossInstancesTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task A_price_changed_on_one_instance_shows_in_the_other_instances_search_within_a_second()
    {
        var tag = "zqc" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b');
        var (id, body) = await SearchResultCacheTests.NewProductAsync(cluster.First, tag);
        Assert.Equal(41.50m, (await SearchResultCacheTests.FirstHitAsync(cluster.Second, tag)).Price); // cached there now

        body["price"] = 39.90m;
        Assert.Equal(HttpStatusCode.NoContent,
            (await (await cluster.First.AdminAsync()).PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);

        var seenAfter = await CacheCoherenceTests.TimeUntilAsync(async () =>
            (await SearchResultCacheTests.FirstHitAsync(cluster.Second, tag)).Price == 39.90m);
        Assert.True(seenAfter < TimeSpan.FromSeconds(1), $"the second instance's search showed the old price for {seenAfter.TotalMilliseconds:0} ms");
    }
}
