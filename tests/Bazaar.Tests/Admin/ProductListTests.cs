using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Platform.Audit;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Tests.Admin;

/// <summary>
/// The back office's product list, as an operator's browser uses it: narrowed by category (kept in
/// the query string), and ticked rows put on sale together through the page's own form.
/// </summary>
public abstract class ProductListTests(ShopFactory shop)
{
    /// <summary>An operator signed in through the sign-in page: cookies, as a browser keeps them.</summary>
    private async Task<HttpClient> OperatorAsync()
    {
        var browser = shop.Guest();
        await shop.SignInAdminOnPageAsync(browser);
        return browser;
    }

    private async Task<int> ProductAsync(string aisle, string word, bool published = true) =>
        (await CatalogApi.CreateProductAsync(shop, body =>
        {
            body["nameEn"] = $"List test {word} {body["sku"]}";
            body["isPublished"] = published;
        }, aisle)).Id;

    private static List<int> Listed(string html) =>
        Regex.Matches(html, "<tr data-product-id=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value)).ToList();

    private static async Task<string> PageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await CatalogApi.Describe(response));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Filtering_by_category_lists_only_that_category_s_products()
    {
        var word = "W" + Guid.NewGuid().ToString("N")[..8];
        var (tea1, tea2, bedding) = (await ProductAsync("tea", word), await ProductAsync("tea", word), await ProductAsync("bedding", word));
        var browser = await OperatorAsync();
        var categories = await CatalogApi.CategoriesAsync(browser);
        var tea = categories.SelectMany(d => d.Children).Single(c => c.Slug == "tea");
        var beddingDepartment = categories.Single(d => d.Children.Any(c => c.Slug == "bedding"));

        var teaOnly = await PageAsync(browser, $"/admin/products?q={word}&category={tea.Id}");
        var wholeDepartment = await PageAsync(browser, $"/admin/products?q={word}&category={beddingDepartment.Id}");
        var everyTea = await PageAsync(browser, $"/admin/products?category={tea.Id}");

        Assert.Equal([tea1, tea2], Listed(teaOnly).Order());
        Assert.Equal([bedding], Listed(wholeDepartment));
        // Without the words too: every row is a tea (the demo catalog's and these), none from another aisle.
        var listed = Listed(everyTea);
        Assert.Contains(tea1, listed);
        var categoriesListed = await shop.WithDbAsync(db => db.Set<Bazaar.Catalog.Product>()
            .Where(p => listed.Contains(p.Id)).Select(p => p.CategoryId).Distinct().ToListAsync());
        Assert.Equal([tea.Id], categoriesListed);
        // The filter stays selected, and the list's forms post back to the same filtered list.
        Assert.Matches($"<option value=\"{tea.Id}\" selected=\"selected\">", teaOnly);
        Assert.Contains($"action=\"/admin/products?q={word}&amp;category={tea.Id}&amp;handler=PublishMany\"", teaOnly);
    }

    [Fact]
    public async Task An_unknown_category_lists_nothing_and_a_bad_value_is_no_error()
    {
        var browser = await OperatorAsync();

        var unknown = await PageAsync(browser, "/admin/products?category=999999999");
        var nonsense = await browser.GetAsync("/admin/products?category=tea&published=maybe&low=perhaps&page=-4");

        Assert.Empty(Listed(unknown));
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);
    }

    [Fact]
    public async Task Putting_ticked_products_on_sale_changes_exactly_those_and_audits_each()
    {
        var word = "B" + Guid.NewGuid().ToString("N")[..8];
        var (first, untouched, last) = (await ProductAsync("tea", word, published: false),
            await ProductAsync("tea", word, published: false), await ProductAsync("tea", word, published: false));
        var browser = await OperatorAsync();
        var list = await PageAsync(browser, $"/admin/products?q={word}&published=false");
        Assert.Equal([first, untouched, last], Listed(list).Order());
        var form = Regex.Match(list, "<form method=\"post\" action=\"([^\"]+)\" id=\"bulk-publish\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, "no bulk form on the list");
        var token = Regex.Match(form.Groups[2].Value, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var posted = await browser.PostAsync(WebUtility.HtmlDecode(form.Groups[1].Value), new FormUrlEncodedContent(
        [
            new("ids", first.ToString()), new("ids", last.ToString()), new("publish", "true"),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
        ]));

        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await CatalogApi.Describe(posted));
        Assert.Equal($"/admin/products?q={word}&published=false", posted.Headers.Location!.OriginalString);
        var after = await PageAsync(browser, posted.Headers.Location.OriginalString);
        Assert.Contains("2 product(s) put on sale.", after);
        Assert.Equal([untouched], Listed(after));
        var published = await shop.WithDbAsync(db => db.Set<Bazaar.Catalog.Product>()
            .Where(p => p.Id == first || p.Id == untouched || p.Id == last).ToDictionaryAsync(p => p.Id, p => p.IsPublished));
        Assert.True(published[first] && published[last] && !published[untouched]);
        var audited = await shop.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Action == "product.published")
            .Where(e => e.Target.StartsWith($"product {first} ") || e.Target.StartsWith($"product {untouched} ") || e.Target.StartsWith($"product {last} "))
            .ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.Equal(("admin", "in bulk"), (e.Actor, e.Details)));
        Assert.Equal([$"product {first} ", $"product {last} "], audited.Select(e => e.Target[..(e.Target.LastIndexOf(' ') + 1)]).Order());
    }

    [Fact]
    public async Task Nothing_ticked_is_said_on_the_page_and_nothing_changes()
    {
        var browser = await OperatorAsync();
        var list = await PageAsync(browser, "/admin/products");
        var token = Regex.Match(list, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var posted = await browser.PostAsync("/admin/products?handler=PublishMany", new FormUrlEncodedContent(
            [new("publish", "false"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))]));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Choose at least one product.", await posted.Content.ReadAsStringAsync());
    }
}

public sealed class ProductListTests_Sqlite(SqliteShop shop) : ProductListTests(shop), IClassFixture<SqliteShop>;
public sealed class ProductListTests_Postgres(PostgresShop shop) : ProductListTests(shop), IClassFixture<PostgresShop>;
