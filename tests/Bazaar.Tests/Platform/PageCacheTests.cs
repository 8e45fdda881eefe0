using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bazaar.Tests.Catalog;

namespace Bazaar.Tests.Platform;

/// <summary>
/// Anonymous catalog pages come from the output cache (the response carries an Age header when
/// it did), varied by language and query, never for a signed-in shopper, and a product change
/// shows on them at once. Pages are compressed for clients that ask.
/// </summary>
public sealed class PageCacheTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task A_second_anonymous_visitor_gets_the_cached_search_page_in_their_own_language()
    {
        var url = "/search?q=" + Uri.EscapeDataString("茶") + "&cb=" + Guid.NewGuid().ToString("N");
        var first = await shop.Anonymous().GetAsync(url);
        var second = await shop.Anonymous().GetAsync(url);

        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var chinese = shop.Anonymous();
        chinese.DefaultRequestHeaders.AcceptLanguage.Clear();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var inChinese = await chinese.GetAsync(url);
        Assert.Null(inChinese.Headers.Age);
        Assert.Contains("<html lang=\"zh-CN\">", await inChinese.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_shopper_never_gets_a_shared_page()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var url = "/categories/1?cb=" + Guid.NewGuid().ToString("N");
        await shop.Anonymous().GetAsync(url);

        var response = await customer.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Age);
    }

    [Fact]
    public async Task A_price_change_shows_on_a_cached_page_at_once()
    {
        var admin = await shop.AdminAsync();
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(shop.Anonymous())).Id, price: 41.50m);
        var word = "zqcache" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        body["nameEn"] = word + " mug";
        var id = (await CatalogApi.CreateProductAsync(admin, body)).Id;
        var url = "/search?q=" + word;
        Assert.Contains("¥41.50", await shop.Anonymous().GetStringAsync(url));
        Assert.NotNull((await shop.Anonymous().GetAsync(url)).Headers.Age); // cached now

        body["price"] = 39.90m;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);

        var after = await shop.Anonymous().GetStringAsync(url);
        Assert.Contains("¥39.90", after);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_and_the_API_are_compressed_for_clients_that_ask(string encoding)
    {
        var client = shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        foreach (var url in new[] { "/", "/api/v1/products" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Pages_link_fingerprinted_stylesheets_and_scripts_that_the_shop_serves()
    {
        // A published shop serves these names with a year of immutable caching (a new file content is a
        // new name); the test host runs from the build, which serves them without caching, as in development.
        var page = await shop.Anonymous().GetStringAsync("/products/1");
        var links = System.Text.RegularExpressions.Regex.Matches(page, "(?:href|src)=\"(/(?:css|js)/[^\"]+)\"")
            .Select(m => m.Groups[1].Value).ToList();

        Assert.Contains(links, l => l.StartsWith("/css/site.", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/js/add-to-cart.", StringComparison.Ordinal));
        foreach (var link in links)
        {
            Assert.Matches(@"^/(css|js)/[\w-]+\.[a-z0-9]{8,}\.(css|js)$", link);
            Assert.Equal(HttpStatusCode.OK, (await shop.Anonymous().GetAsync(link)).StatusCode);
        }
    }
}
