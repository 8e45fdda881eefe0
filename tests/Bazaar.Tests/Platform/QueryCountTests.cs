using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Payments;

namespace Bazaar.Tests.Platform;

/// <summary>
/// No storefront page costs one SQL command per item it shows: each page is counted showing one
/// item and showing several, and the counts must be equal. (Counting with the output cache out of
/// the way: every request has a query string of its own.)
/// </summary>
public sealed class QueryCountTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task A_category_page_costs_the_same_with_one_product_or_six()
    {
        var (small, large) = (await NewAisleAsync(1), await NewAisleAsync(6));

        var (one, six) = (await CommandsAsync(shop.Anonymous(), $"/categories/{small}"), await CommandsAsync(shop.Anonymous(), $"/categories/{large}"));

        Assert.True(one == six, $"one product: {one} commands, six products: {six}");
    }

    [Fact]
    public async Task A_search_page_costs_the_same_with_one_match_or_six()
    {
        var (few, many) = (Word(), Word());
        await NewProductsAsync(few, 1);
        await NewProductsAsync(many, 6);

        // Counted in another sort than the warm-up's, which the search's result cache would answer without SQL.
        var (one, six) = (await CommandsAsync(shop.Anonymous(), $"/search?q={few}", "&sort=newest"),
            await CommandsAsync(shop.Anonymous(), $"/search?q={many}", "&sort=newest"));

        Assert.True(one == six, $"one match: {one} commands, six matches: {six}");
    }

    [Fact]
    public async Task The_cart_page_costs_the_same_with_one_line_or_five()
    {
        var ids = await NewProductsAsync(Word(), 5);
        var (oneLine, _, _) = await shop.NewCustomerAsync();
        var (fiveLines, _, _) = await shop.NewCustomerAsync();
        await AddAsync(oneLine, ids[..1]);
        await AddAsync(fiveLines, ids);

        var (one, five) = (await CommandsAsync(oneLine, "/cart"), await CommandsAsync(fiveLines, "/cart"));

        Assert.True(one == five, $"one line: {one} commands, five lines: {five}");
    }

    [Fact]
    public async Task The_order_pages_cost_the_same_with_one_order_or_three()
    {
        var ids = await NewProductsAsync(Word(), 3);
        var oneOrder = await shop.NewShopperAsync();
        var threeOrders = await shop.NewShopperAsync();
        var single = await shop.PlaceOrderAsync(oneOrder, ids[0], 1);
        PlacedOrder last = single;
        foreach (var id in ids)
            last = await shop.PlaceOrderAsync(threeOrders, id, 1);

        var (one, three) = (await CommandsAsync(oneOrder.Client, "/orders"), await CommandsAsync(threeOrders.Client, "/orders"));
        Assert.True(one == three, $"one order: {one} commands, three orders: {three}");
        var (detailOne, detailOther) = (await CommandsAsync(oneOrder.Client, $"/orders/{single.Id}"), await CommandsAsync(threeOrders.Client, $"/orders/{last.Id}"));
        Assert.True(detailOne == detailOther, $"order pages: {detailOne} and {detailOther} commands");
    }

    /// <param name="counted">Added to the counted request only, to keep it out of a cache the warm-up filled.</param>
    private async Task<int> CommandsAsync(HttpClient client, string url, string counted = "")
    {
        var separator = url.Contains('?') ? '&' : '?';
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{url}{separator}warm={Guid.NewGuid():N}")).StatusCode); // caches filled
        using var sql = SqlCommands.On(shop);
        var response = await client.GetAsync($"{url}{separator}count={Guid.NewGuid():N}{counted}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(sql.Texts.Count > 0, $"no SQL seen for {url}: the counter is not listening to this shop");
        return sql.Texts.Count;
    }

    private static string Word() => "zqn" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b');

    private async Task<int> NewAisleAsync(int products)
    {
        var admin = await shop.AdminAsync();
        var department = (await CatalogApi.CategoriesAsync(shop.Anonymous()))[0];
        var slug = "aisle-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsJsonAsync("/api/v1/admin/categories",
            new { slug, nameZh = "测试" + slug, nameEn = "Aisle " + slug, parentId = department.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var aisle = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await NewProductsAsync(Word(), products, aisle);
        return aisle;
    }

    private async Task<int[]> NewProductsAsync(string word, int count, int? categoryId = null)
    {
        var admin = await shop.AdminAsync();
        var category = categoryId ?? (await CatalogApi.AisleAsync(shop.Anonymous())).Id;
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var body = CatalogApi.ProductBody(category, stock: 50);
            body["nameEn"] = $"{word} item {i}";
            ids.Add((await CatalogApi.CreateProductAsync(admin, body)).Id);
        }
        return [.. ids];
    }

    private static async Task AddAsync(HttpClient customer, IEnumerable<int> productIds)
    {
        foreach (var productId in productIds)
            Assert.True((await customer.PostAsJsonAsync("/api/v1/cart/items", new { productId, quantity = 1 })).IsSuccessStatusCode);
    }
}
