using System.Net;
using System.Text.Json;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// GET /api/v1/products without a keyword: paging, sorting, category filter and the 400s for
/// out-of-range input. These tests only read the seeded demo catalog, except where they say so.
/// </summary>
public abstract class BrowseProductsTests(ShopFactory shop)
{
    [Fact]
    public async Task The_listing_answers_items_total_page_and_page_size_with_24_a_page_by_default()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal(1, root.GetProperty("page").GetInt32());
        Assert.Equal(24, root.GetProperty("pageSize").GetInt32());
        Assert.True(root.GetProperty("total").GetInt32() >= 200, "the demo catalog has 200 products");
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(24, items.Count);
        var item = items[0];
        foreach (var field in new[] { "id", "sku", "name", "price", "currency", "available", "imageUrl" })
            Assert.True(item.TryGetProperty(field, out _), $"item has '{field}'");
        Assert.Equal(JsonValueKind.Number, item.GetProperty("price").ValueKind);
        Assert.Equal("CNY", item.GetProperty("currency").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("imageUrl").GetString()));
    }

    [Fact]
    public async Task Page_two_shows_other_products_than_page_one()
    {
        var client = shop.Anonymous();
        var one = await ProductsAsync(client, "?page=1&pageSize=10");
        var two = await ProductsAsync(client, "?page=2&pageSize=10");

        Assert.Equal(2, two.Page);
        Assert.Equal(10, two.Items.Count);
        Assert.Empty(one.Items.Select(i => i.Id).Intersect(two.Items.Select(i => i.Id)));
        Assert.Equal(one.Total, two.Total);
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_keeps_the_total()
    {
        var page = await ProductsAsync(shop.Anonymous(), "?page=500&pageSize=100");

        Assert.Empty(page.Items);
        Assert.True(page.Total >= 200);
    }

    [Theory]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=-3", "page")]
    [InlineData("?sort=bogus", "sort")]
    public async Task Out_of_range_query_values_get_a_400_naming_the_field(string query, string field)
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products" + query);

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task A_keyword_over_100_characters_gets_a_400_naming_q()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products?q=" + new string('a', 101));

        await AssertFieldErrorAsync(response, "q");
    }

    [Theory]
    [InlineData("?page=abc")]
    [InlineData("?pageSize=ten")]
    [InlineData("?category=phones")]
    public async Task A_non_numeric_number_is_a_400_problem_not_a_500(string query)
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products" + query);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await Describe(response));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var name = query[1..query.IndexOf('=')];
        Assert.Contains(name, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Price_ascending_is_cheapest_first_across_pages()
    {
        var client = shop.Anonymous();
        var one = await ProductsAsync(client, "?sort=price_asc&pageSize=100");
        var two = await ProductsAsync(client, "?sort=price_asc&pageSize=100&page=2");
        var prices = one.Items.Concat(two.Items).Select(i => i.Price).ToList();

        Assert.True(prices.Count >= 200);
        Assert.Equal(prices.Order().ToList(), prices);
        Assert.True(prices[0] < prices[^1], "the demo catalog has prices from under 10 to over 10,000 yuan");
    }

    [Fact]
    public async Task Price_descending_is_dearest_first_across_pages()
    {
        var client = shop.Anonymous();
        var one = await ProductsAsync(client, "?sort=price_desc&pageSize=100");
        var two = await ProductsAsync(client, "?sort=price_desc&pageSize=100&page=2");
        var prices = one.Items.Concat(two.Items).Select(i => i.Price).ToList();

        Assert.Equal(prices.OrderDescending().ToList(), prices);
        Assert.True(prices[0] > 10_000m, $"the dearest demo product costs more than 10,000, not {prices[0]}");
    }

    [Fact]
    public async Task Newest_lists_the_most_recently_added_products_first()
    {
        // The seeder dates each product a minute before the previous one, so the first SKUs are the newest.
        var page = await ProductsAsync(shop.Anonymous(), "?sort=newest&category=" + (await AisleAsync(shop.Anonymous(), "phones")).Id);
        var numbers = page.Items.Select(i => int.Parse(i.Sku[^4..])).ToList();

        Assert.True(numbers.Count > 3);
        Assert.Equal(numbers.Order().ToList(), numbers);
    }

    [Fact]
    public async Task Newest_is_the_default_order_and_puts_a_product_added_now_on_top()
    {
        shop.Clock.Advance(TimeSpan.FromHours(1));
        var created = await CreateProductAsync(shop);

        var byDefault = await ProductsAsync(shop.Anonymous());
        var newest = await ProductsAsync(shop.Anonymous(), "?sort=newest");

        Assert.Equal(created.Id, byDefault.Items[0].Id);
        Assert.Equal(byDefault.Items.Select(i => i.Id), newest.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_department_lists_the_products_of_all_its_aisles()
    {
        var client = shop.Anonymous();
        var digital = (await CategoriesAsync(client)).Single(d => d.Slug == "digital");
        var perAisle = new List<int>();
        foreach (var aisle in digital.Children)
            perAisle.Add((await ProductsAsync(client, $"?category={aisle.Id}")).Total);

        var department = await ProductsAsync(client, $"?category={digital.Id}&pageSize=100");

        Assert.All(perAisle, n => Assert.True(n > 0));
        Assert.Equal(perAisle.Sum(), department.Total);
        var prefixes = digital.Children.Select(a => $"BZ-{a.Slug.ToUpperInvariant()}-").ToList();
        Assert.All(department.Items, i => Assert.Contains(prefixes, p => i.Sku.StartsWith(p, StringComparison.Ordinal)));
        Assert.True(department.Total < (await ProductsAsync(client)).Total, "other departments' products are left out");
    }

    [Fact]
    public async Task An_aisle_lists_only_its_own_products()
    {
        var client = shop.Anonymous();
        var tea = await AisleAsync(client, "tea");

        var page = await ProductsAsync(client, $"?category={tea.Id}&pageSize=100");

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, i => Assert.StartsWith("BZ-TEA-", i.Sku));
    }

    [Fact]
    public async Task An_unknown_category_is_a_400_naming_category()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products?category=987654");

        await AssertFieldErrorAsync(response, "category");
    }

    [Fact]
    public async Task Names_are_chinese_by_default_and_for_zh_CN_and_english_for_en()
    {
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Clear(); // no preference: the shop's default, Chinese
        var byDefault = await ProductsAsync(client, "?sort=price_asc");
        var zh = await ProductsAsync(client, "?sort=price_asc", "zh-CN");
        var en = await ProductsAsync(client, "?sort=price_asc", "en");

        Assert.Equal(zh.Items.Select(i => i.Name), byDefault.Items.Select(i => i.Name));
        Assert.Equal(zh.Items.Select(i => i.Id), en.Items.Select(i => i.Id));
        Assert.All(zh.Items, i => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", i.Name));
        Assert.All(en.Items, i => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", i.Name));
    }

    [Fact]
    public async Task Available_stock_is_shown_for_every_item()
    {
        var page = await ProductsAsync(shop.Anonymous(), "?pageSize=100");

        Assert.All(page.Items, i => Assert.InRange(i.Available, 0, 499));
        Assert.Contains(page.Items, i => i.Available > 0);
    }
}

public sealed class BrowseProductsTests_Sqlite(SqliteShop shop) : BrowseProductsTests(shop), IClassFixture<SqliteShop>;
public sealed class BrowseProductsTests_Postgres(PostgresShop shop) : BrowseProductsTests(shop), IClassFixture<PostgresShop>;
