using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>The shopper's HTML pages over the same handlers as the API: home, category and search.</summary>
public abstract class StorefrontPagesTests(ShopFactory shop)
{
    private async Task<(HttpStatusCode Status, string Html)> PageAsync(string url, string language = "en")
    {
        var response = await GetAsync(shop.Anonymous(), url, language);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_home_page_links_every_department()
    {
        var (status, html) = await PageAsync("/", "zh-CN");

        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var department in await CategoriesAsync(shop.Anonymous()))
            Assert.Contains($"href=\"/categories/{department.Id}\"", html);
        Assert.Contains("手机数码", html);
    }

    [Fact]
    public async Task The_home_page_shows_twelve_new_arrivals_and_no_pager()
    {
        var (status, html) = await PageAsync("/?fresh=" + Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, Regex.Matches(html, "data-testid=\"product-card\"").Count);
        Assert.DoesNotContain("data-testid=\"pager\"", html);
    }

    [Fact]
    public async Task A_department_page_shows_its_aisles_and_their_products()
    {
        var digital = (await CategoriesAsync(shop.Anonymous())).Single(d => d.Slug == "digital");
        var first = (await ProductsAsync(shop.Anonymous(), $"?category={digital.Id}", "en")).Items[0];

        var (status, html) = await PageAsync($"/categories/{digital.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Mobile Phones", html);
        Assert.Contains(first.Name, html);
    }

    [Fact]
    public async Task A_category_page_sorted_by_price_lists_the_cheapest_first()
    {
        var tea = await AisleAsync(shop.Anonymous(), "tea");
        var cheapest = (await ProductsAsync(shop.Anonymous(), $"?category={tea.Id}&sort=price_asc", "en")).Items[0];

        var (_, html) = await PageAsync($"/categories/{tea.Id}?sort=price_asc");

        var firstCard = Regex.Match(html, "href=\"/products/(\\d+)\" data-testid=\"product-card\"");
        Assert.True(firstCard.Success, "the page lists products");
        Assert.Equal(cheapest.Id.ToString(), firstCard.Groups[1].Value);
    }

    [Fact]
    public async Task An_unknown_category_page_is_an_html_404()
    {
        var (status, html) = await PageAsync("/categories/987654");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Page not found", html);
    }

    [Fact]
    public async Task The_search_page_finds_chinese_substrings()
    {
        var (status, html) = await PageAsync("/search?q=" + Uri.EscapeDataString("手机"), "zh-CN");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"product-card\"", html);
        Assert.Contains("手机", html);
    }

    [Fact]
    public async Task An_overlong_search_explains_itself_rather_than_failing()
    {
        var (status, html) = await PageAsync("/search?q=" + new string('x', 150));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("at most 100 characters", html);
    }

    [Fact]
    public async Task An_overlong_search_explains_itself_in_Chinese()
    {
        var (status, html) = await PageAsync("/search?q=" + new string('x', 150), "zh-CN");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("搜索词最多 100 个字符。", html);
    }

    [Theory]
    [InlineData("zh-CN", "加入购物车", "立即购买", "库存 7 件", @">共 \d+ 件商品<")]
    [InlineData("en", "Add to cart", "Buy now", "7 in stock", @">\d+ products<")]
    public async Task The_product_and_its_aisle_speak_the_shoppers_language(string language, string add, string buy, string stock, string count)
    {
        var product = await CreateProductAsync(shop);
        var detail = await ProductAsync(shop.Anonymous(), product.Id);

        var (_, page) = await PageAsync($"/products/{product.Id}", language);
        var (_, aisle) = await PageAsync($"/categories/{detail.CategoryId}", language);

        Assert.Contains($"<html lang=\"{language}\">", page);
        Assert.Contains($">{add}</button>", page);
        Assert.Contains($">{buy}</button>", page);
        Assert.Contains(stock, page);
        Assert.Matches(count, aisle);
        Assert.DoesNotContain(language == "en" ? "加入购物车" : "Add to cart", page);
    }
}

public sealed class StorefrontPagesTests_Sqlite(SqliteShop shop) : StorefrontPagesTests(shop), IClassFixture<SqliteShop>;
public sealed class StorefrontPagesTests_Postgres(PostgresShop shop) : StorefrontPagesTests(shop), IClassFixture<PostgresShop>;
