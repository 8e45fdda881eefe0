using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>GET /api/v1/products?q=: keyword search over names, descriptions and SKU.</summary>
public abstract class SearchProductsTests(ShopFactory shop)
{
    [Fact]
    public async Task A_chinese_substring_finds_products_whose_name_contains_it()
    {
        var page = await ProductsAsync(shop.Anonymous(), "?q=" + Uri.EscapeDataString("手机") + "&pageSize=100", "zh-CN");

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, i => Assert.Contains("手机", i.Name));
        // The demo's Huawei phones are named "华为 <model> <trait>5G智能手机" and the like: 手机 is in the middle of a word.
        Assert.Contains(page.Items, i => i.Name.Contains("华为") && i.Name.Contains("手机"));
    }

    [Fact]
    public async Task Latin_search_ignores_case()
    {
        var client = shop.Anonymous();
        var upper = await ProductsAsync(client, "?q=HUAWEI&pageSize=100", "en");
        var lower = await ProductsAsync(client, "?q=huawei&pageSize=100", "en");

        Assert.True(upper.Total > 0);
        Assert.Equal(lower.Total, upper.Total);
        Assert.Equal(lower.Items.Select(i => i.Id).Order(), upper.Items.Select(i => i.Id).Order());
        Assert.All(upper.Items, i => Assert.Contains("Huawei", i.Name));
    }

    [Fact]
    public async Task A_keyword_found_nowhere_finds_nothing()
    {
        var page = await ProductsAsync(shop.Anonymous(), "?q=zzqqxx-nothing");

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Search_matches_the_sku_whatever_its_case()
    {
        var page = await ProductsAsync(shop.Anonymous(), "?q=bz-phones-0001");

        var hit = Assert.Single(page.Items);
        Assert.Equal("BZ-PHONES-0001", hit.Sku);
    }

    [Fact]
    public async Task Search_runs_over_descriptions_too()
    {
        // Every demo description says 七天无理由退换; no name does.
        var page = await ProductsAsync(shop.Anonymous(), "?q=" + Uri.EscapeDataString("无理由退换"));

        Assert.True(page.Total >= 200);
    }

    [Fact]
    public async Task Punctuation_alone_finds_nothing_rather_than_everything()
    {
        var percent = await CreateProductAsync(shop, b => { b["nameZh"] = "纯度 99% 测试"; b["nameEn"] = "Purity 99% Test"; });
        var client = shop.Anonymous();

        // Unescaped in a LIKE, '%' and '_' would have matched the whole catalog.
        Assert.Empty((await ProductsAsync(client, "?q=%25&pageSize=100")).Items);
        Assert.Empty((await ProductsAsync(client, "?q=_&pageSize=100")).Items);
        Assert.Contains(percent.Id, (await ProductsAsync(client, "?q=99%25&pageSize=100")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_backslash_in_the_keyword_separates_words_and_breaks_nothing()
    {
        var created = await CreateProductAsync(shop, b => b["nameEn"] = @"Flask C:\Qzwtea Edition");

        var page = await ProductsAsync(shop.Anonymous(), "?q=" + Uri.EscapeDataString(@"c:\qzwtea edition"));

        Assert.Equal([created.Id], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task By_relevance_a_hit_in_the_name_comes_before_a_hit_only_in_the_description()
    {
        var inDescription = await CreateProductAsync(shop, b => b["descriptionEn"] = "Pairs well with a Zephyrine kettle.");
        var inName = await CreateProductAsync(shop, b => b["nameEn"] = "Zephyrine Kettle");

        var page = await ProductsAsync(shop.Anonymous(), "?q=zephyrine");

        Assert.Equal([inName.Id, inDescription.Id], page.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_keyword_can_be_combined_with_a_category_and_a_price_sort()
    {
        var client = shop.Anonymous();
        var phones = await AisleAsync(client, "phones");

        var page = await ProductsAsync(client, $"?q=huawei&category={phones.Id}&sort=price_asc", "en");

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, i => Assert.StartsWith("BZ-PHONES-", i.Sku));
        Assert.All(page.Items, i => Assert.Contains("Huawei", i.Name));
        Assert.Equal(page.Items.Select(i => i.Price).Order(), page.Items.Select(i => i.Price));
    }
}

public sealed class SearchProductsTests_Sqlite(SqliteShop shop) : SearchProductsTests(shop), IClassFixture<SqliteShop>;
public sealed class SearchProductsTests_Postgres(PostgresShop shop) : SearchProductsTests(shop), IClassFixture<PostgresShop>;
