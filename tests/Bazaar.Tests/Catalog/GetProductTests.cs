using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>One product: GET /api/v1/products/{id} and the storefront page /products/{id}.</summary>
public abstract class GetProductTests(ShopFactory shop)
{
    [Fact]
    public async Task A_product_answers_200_with_its_details_in_the_shoppers_language()
    {
        var client = shop.Anonymous();
        var listed = (await ProductsAsync(client, "?q=bz-phones-0001")).Items.Single();

        var zh = await ProductAsync(client, listed.Id, "zh-CN");
        var en = await ProductAsync(client, listed.Id, "en");

        Assert.Equal(listed.Id, zh.Id);
        Assert.Equal("BZ-PHONES-0001", zh.Sku);
        Assert.Equal(listed.Price, zh.Price);
        Assert.Equal("CNY", zh.Currency);
        Assert.Equal(listed.Available, zh.Available);
        Assert.Equal(zh.NameZh, zh.Name);
        Assert.Equal("手机", zh.CategoryName);
        Assert.Contains("七天无理由退换", zh.Description);
        Assert.Equal(zh.NameEn, en.Name);
        Assert.Equal("Mobile Phones", en.CategoryName);
        Assert.Contains("7-day no-reason returns", en.Description);
        Assert.NotEqual(zh.Name, en.Name);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var response = await shop.Anonymous().GetAsync("/api/v1/products/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(404, problem!.Status);
        Assert.Contains("not found", problem.Title, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unpublished_product_is_hidden_from_shoppers_everywhere()
    {
        var created = await CreateProductAsync(shop, b => b["nameEn"] = "Hidden Draft Flask");
        var admin = await shop.AdminAsync();
        var unpublish = await admin.PostAsync($"/api/v1/admin/products/{created.Id}/unpublish", null);
        Assert.Equal(HttpStatusCode.NoContent, unpublish.StatusCode);
        var shopper = shop.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/api/v1/products/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/products/{created.Id}")).StatusCode);
        Assert.Equal(0, (await ProductsAsync(shopper, "?q=hidden+draft+flask")).Total);
        Assert.Equal(0, (await ProductsAsync(shopper, "?q=" + created.Sku)).Total);
        // The generated picture spells out the name and SKU.
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/products/{created.Id}/image.svg")).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_preview_an_unpublished_product_page()
    {
        var created = await CreateProductAsync(shop, b => { b["isPublished"] = false; b["nameEn"] = "Preview Only Flask"; });
        var admin = await shop.AdminAsync();

        var response = await GetAsync(admin, $"/products/{created.Id}", "en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview Only Flask", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var image = await admin.GetAsync($"/products/{created.Id}/image.svg");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.False(image.Headers.CacheControl?.Public, "a draft's picture is not for shared caches");
    }

    [Fact]
    public async Task The_product_page_shows_the_name_and_the_price()
    {
        var created = await CreateProductAsync(shop, b => { b["price"] = 1234.5m; b["nameZh"] = "页面 测试杯"; b["nameEn"] = "Page Test Mug"; });
        var client = shop.Anonymous();

        var zh = await GetAsync(client, $"/products/{created.Id}", "zh-CN");
        var en = await GetAsync(client, $"/products/{created.Id}", "en");

        Assert.Equal(HttpStatusCode.OK, zh.StatusCode);
        Assert.Equal("text/html", zh.Content.Headers.ContentType?.MediaType);
        var zhHtml = WebUtility.HtmlDecode(await zh.Content.ReadAsStringAsync());
        var enHtml = WebUtility.HtmlDecode(await en.Content.ReadAsStringAsync());
        Assert.Contains("页面 测试杯", zhHtml);
        Assert.Contains("¥1,234.50", zhHtml);
        Assert.Contains("Page Test Mug", enHtml);
        Assert.Contains("¥1,234.50", enHtml);
    }

    [Theory]
    [InlineData("/products/987654")]
    [InlineData("/products/0")]
    public async Task An_unknown_product_page_is_an_html_404_page(string url)
    {
        var response = await shop.Anonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_generated_image_of_a_listed_product_is_served()
    {
        var client = shop.Anonymous();
        var item = (await ProductsAsync(client)).Items[0];

        var response = await client.GetAsync(item.ImageUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(item.Sku, await response.Content.ReadAsStringAsync());
    }
}

public sealed class GetProductTests_Sqlite(SqliteShop shop) : GetProductTests(shop), IClassFixture<SqliteShop>;
public sealed class GetProductTests_Postgres(PostgresShop shop) : GetProductTests(shop), IClassFixture<PostgresShop>;
