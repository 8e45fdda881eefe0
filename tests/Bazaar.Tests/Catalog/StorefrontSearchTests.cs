using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// The storefront search through its full-text index, the same on PostgreSQL and on SQLite:
/// Chinese by characters and pairs, Latin words by prefix and despite a typo, ranked, faceted,
/// filtered and sorted, and following every product change at once.
/// </summary>
public abstract class StorefrontSearchTests(ShopFactory shop)
{
    // Words no demo product has, so each test sees only its own products.
    private static string Unique() => "zq" + Guid.NewGuid().ToString("N")[..8].Replace('0', 'a').Replace('1', 'b');

    [Fact]
    public async Task Two_adjacent_Chinese_characters_find_the_product_and_the_same_characters_apart_do_not()
    {
        var tag = Unique();
        var headphones = await CreateAsync($"{tag} 降噪蓝牙耳机", "Headphones " + tag);
        var toothbrush = await CreateAsync($"{tag} 蓝色电动牙刷", "Toothbrush " + tag);

        var found = await SearchAsync($"蓝牙 {tag}");

        Assert.Equal([headphones], Ids(found));
        Assert.Equal([headphones, toothbrush], Ids(await SearchAsync($"蓝 {tag}")).Order());
    }

    [Fact]
    public async Task A_misspelt_latin_word_is_corrected_and_says_what_it_searched_for()
    {
        var word = Unique() + "phone";
        var id = await CreateAsync("测试手机 " + word, "Pocket " + word + " Ultra");
        var swapped = word[..^3] + word[^2] + word[^3] + word[^1]; // …phnoe: two letters swapped

        var found = await SearchAsync(swapped);

        Assert.Equal([id], Ids(found));
        Assert.Equal(word, found.GetProperty("searchedFor").GetString());
    }

    [Fact]
    public async Task Latin_words_match_whatever_their_case_and_by_their_beginning()
    {
        var word = Unique() + "flask";
        var id = await CreateAsync("保温杯 " + word, "Steel " + word);

        Assert.Equal([id], Ids(await SearchAsync(word.ToUpperInvariant())));
        Assert.Equal([id], Ids(await SearchAsync(word[..7])));
        Assert.True((await SearchAsync(word)).GetProperty("searchedFor").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_match_in_the_name_ranks_above_a_match_only_in_the_description()
    {
        var tag = Unique();
        var inDescription = await CreateAsync("普通水杯", "Plain cup", descriptionEn: "Pairs well with " + tag);
        var inName = await CreateAsync(tag + " 水杯", tag + " cup");

        Assert.Equal([inName, inDescription], Ids(await SearchAsync(tag)));
    }

    [Fact]
    public async Task Facets_count_the_matches_per_category_and_price_band_and_filters_narrow_them()
    {
        var tag = Unique();
        var categories = await CatalogApi.CategoriesAsync(shop.Anonymous());
        var (tea, other) = (categories.SelectMany(d => d.Children).Single(c => c.Slug == "tea"),
            categories.SelectMany(d => d.Children).First(c => c.Slug != "tea"));
        var cheapTea = await CreateAsync(tag + " 绿茶", "Green tea " + tag, price: 30m, categoryId: tea.Id);
        var dearTea = await CreateAsync(tag + " 红茶", "Black tea " + tag, price: 300m, categoryId: tea.Id);
        var dearOther = await CreateAsync(tag + " 礼盒", "Gift box " + tag, price: 350m, categoryId: other.Id);

        var all = await SearchAsync(tag);
        var facets = all.GetProperty("facets");
        Assert.Equal(new Dictionary<int, int> { [tea.Id] = 2, [other.Id] = 1 },
            facets.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetInt32(), c => c.GetProperty("count").GetInt32()));
        Assert.Equal([(0m, 50m, 1), (200m, 500m, 2)],
            facets.GetProperty("prices").EnumerateArray().Select(p => (p.GetProperty("from").GetDecimal(),
                p.GetProperty("to").GetDecimal(), p.GetProperty("count").GetInt32())).ToList());

        Assert.Equal([dearTea, dearOther], Ids(await SearchAsync(tag, "&minPrice=200&maxPrice=500&sort=price_asc")));
        var teaOnly = await SearchAsync(tag, $"&category={tea.Id}&sort=price_desc");
        Assert.Equal([dearTea, cheapTea], Ids(teaOnly));
        // The price facet counts within the chosen category; the category facet still shows the other one.
        Assert.Equal(2, teaOnly.GetProperty("facets").GetProperty("prices").EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()));
        Assert.Equal(2, teaOnly.GetProperty("facets").GetProperty("categories").GetArrayLength());
    }

    [Fact]
    public async Task Sorting_by_sales_puts_what_sold_most_first()
    {
        var tag = Unique();
        var first = await CreateAsync(tag + " 甲", tag + " one");
        var bestSeller = await CreateAsync(tag + " 乙", tag + " two");
        var shopper = await shop.NewShopperAsync();
        await shop.PayAsync(await shop.PlaceOrderAsync(shopper, bestSeller, 3));

        Assert.Equal([bestSeller, first], Ids(await SearchAsync(tag, "&sort=sales")));
        var listing = await CatalogApi.GetAsync(shop.Anonymous(), "/api/v1/products?sort=sales&pageSize=1");
        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
    }

    [Fact]
    public async Task A_renamed_product_is_found_by_its_new_name_at_once_and_no_longer_by_its_old()
    {
        var (oldWord, newWord) = (Unique(), Unique());
        var admin = await shop.AdminAsync();
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(shop.Anonymous())).Id);
        body["nameZh"] = oldWord + " 杯子";
        body["nameEn"] = oldWord + " mug";
        var id = (await CatalogApi.CreateProductAsync(admin, body)).Id;

        body["nameZh"] = newWord + " 杯子";
        body["nameEn"] = newWord + " mug";
        var renamed = await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", body);
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);

        Assert.Equal([id], Ids(await SearchAsync(newWord)));
        Assert.Empty(Ids(await SearchAsync(oldWord)));
    }

    [Fact]
    public async Task The_search_page_shows_the_correction_and_facets_that_narrow_the_results()
    {
        var word = Unique() + "kettle";
        var cheap = await CreateAsync("水壶 " + word, "Kettle " + word, price: 40m);
        var dear = await CreateAsync("电水壶 " + word, "Electric " + word, price: 240m);
        var client = shop.Anonymous();

        var page = await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(word[..^2] + "lte")); // …kettel → …kettle
        Assert.Contains("data-testid=\"searched-for\"", page);
        Assert.Contains($"/products/{cheap}", page);
        Assert.Contains($"/products/{dear}", page);

        var band = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/search\\?[^\"]*minPrice=200[^\"]*)\" data-testid=\"facet-price\"");
        Assert.True(band.Success, "no link for the 200–500 band");
        var narrowed = await client.GetStringAsync(System.Net.WebUtility.HtmlDecode(band.Groups[1].Value));
        Assert.Contains($"/products/{dear}", narrowed);
        Assert.DoesNotContain($"/products/{cheap}\"", narrowed);
    }

    [Theory]
    [InlineData("?q=tea&minPrice=500&maxPrice=100", "maxPrice")]
    [InlineData("?q=tea&minPrice=-1", "minPrice")]
    [InlineData("?q=tea&sort=popularity", "sort")]
    public async Task Impossible_filters_are_a_400_naming_the_field(string query, string field)
    {
        var response = await CatalogApi.GetAsync(shop.Anonymous(), "/api/v1/products" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("' OR 1=1 --")]
    [InlineData("茶\" OR \"a")]
    [InlineData("tea:* | !x")]
    [InlineData("NEAR(a b) AND *")]
    public async Task Query_syntax_in_a_search_is_just_text(string q)
    {
        var response = await CatalogApi.GetAsync(shop.Anonymous(), "/api/v1/products?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    protected ShopFactory Shop => shop;

    private async Task<int> CreateAsync(string nameZh, string nameEn, decimal price = 88m, int? categoryId = null,
        string descriptionEn = "")
    {
        var admin = await shop.AdminAsync();
        var body = CatalogApi.ProductBody(categoryId ?? (await CatalogApi.AisleAsync(shop.Anonymous())).Id, price: price, stock: 20);
        body["nameZh"] = nameZh;
        body["nameEn"] = nameEn;
        body["descriptionZh"] = "";
        body["descriptionEn"] = descriptionEn;
        return (await CatalogApi.CreateProductAsync(admin, body)).Id;
    }

    private async Task<JsonElement> SearchAsync(string q, string more = "")
    {
        var response = await CatalogApi.GetAsync(shop.Anonymous(), $"/api/v1/products?q={Uri.EscapeDataString(q)}&pageSize=50{more}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<int> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
}

public sealed class StorefrontSearchTests_Sqlite(SqliteShop shop) : StorefrontSearchTests(shop), IClassFixture<SqliteShop>;

public sealed class StorefrontSearchTests_Postgres(PostgresShop shop) : StorefrontSearchTests(shop), IClassFixture<PostgresShop>
{
    [Theory]
    [InlineData("手机")]
    [InlineData("iphone")]
    public async Task The_query_goes_through_the_full_text_index(string q)
    {
        var plan = await Shop.WithDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            // With few rows a sequential scan is cheaper; forbid it to see whether the index can serve the query at all.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
            var tsquery = Bazaar.Catalog.SearchTokens.Query(q).ToTsQuery();
            return string.Join('\n', await db.Database.SqlQuery<string>(
                $"""EXPLAIN SELECT "Id" AS "Value" FROM "Products" WHERE "SearchVector" @@ to_tsquery('simple', {tsquery})""").ToListAsync());
        });
        Assert.Contains("IX_Products_SearchVector", plan);
    }
}
