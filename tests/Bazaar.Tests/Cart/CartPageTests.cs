using System.Text.Json;
using System.Net.Http.Json;
using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>The /cart page a guest sees in the browser, and its forms (add, quantity, remove).</summary>
public abstract class CartPageTests(ShopFactory shop)
{
    private static async Task<string> PageAsync(HttpClient browser, string url = "/cart")
    {
        var response = await GetAsync(browser, url, "en");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Antiforgery(string html)
    {
        var match = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(match.Success, "the page's forms carry an antiforgery token");
        return match.Groups[1].Value;
    }

    private static string Testid(string html, string id)
    {
        var match = Regex.Match(html, $"data-testid=\"{id}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"no {id} on the page");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>Posts a form as the browser does: the page holding it first, for its antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string url, Dictionary<string, string> fields,
        string page = "/cart")
    {
        fields["__RequestVerificationToken"] = Antiforgery(await PageAsync(browser, page));
        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_guests_cart_page_lists_the_lines_with_their_totals()
    {
        var flask = await shop.NewCartProductAsync(price: 61.70m);
        var mug = await shop.NewCartProductAsync(price: 9.90m);
        var browser = shop.Guest();
        await browser.AddOkAsync(flask.Id, 2);
        await browser.AddOkAsync(mug.Id, 1);

        var html = await PageAsync(browser);

        Assert.Contains(flask.NameEn, html);
        Assert.Contains(mug.NameEn, html);
        Assert.Equal(2, Regex.Matches(html, "data-testid=\"cart-line\"").Count);
        Assert.Contains("¥123.40", html);
        Assert.Equal("¥133.30", Testid(html, "cart-subtotal"));
        Assert.Contains("data-testid=\"checkout\"", html);
    }

    [Fact]
    public async Task A_guest_with_nothing_in_the_cart_is_told_it_is_empty()
    {
        var html = await PageAsync(shop.Guest());

        Assert.Contains("data-testid=\"cart-empty\"", html);
        Assert.DoesNotContain("data-testid=\"checkout\"", html);
    }

    [Fact]
    public async Task A_line_no_longer_sold_is_marked_and_there_is_no_checkout_button()
    {
        var product = await shop.NewCartProductAsync();
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 1);
        await shop.UnpublishAsync(product.Id);

        var html = await PageAsync(browser);

        Assert.Contains(product.NameEn, html);
        Assert.Contains("no longer sold", html);
        Assert.DoesNotContain("data-testid=\"checkout\"", html);
    }

    [Fact]
    public async Task Without_JavaScript_add_to_cart_confirms_on_its_own_page_and_fills_a_guests_cart()
    {
        var product = await shop.NewCartProductAsync(price: 20m);
        var browser = shop.Guest();

        // The product page's form, as a browser without JavaScript submits it: a GET with its fields.
        var confirm = await PageAsync(browser, $"/cart/add?productId={product.Id}&quantity=3");
        Assert.Equal(product.NameEn, Testid(confirm, "confirm-product"));
        Assert.Matches("<input[^>]*name=\"quantity\" value=\"3\"", confirm);
        var response = await PostFormAsync(browser, "/cart?handler=Add", new() { ["productId"] = $"{product.Id}", ["quantity"] = "3" },
            page: $"/cart/add?productId={product.Id}&quantity=3");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await PageAsync(browser);
        Assert.Contains(product.NameEn, html);
        Assert.Equal("¥60.00", Testid(html, "cart-subtotal"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/cart/add?productId=999999&quantity=1")).StatusCode);
    }

    [Fact]
    public async Task The_shared_product_page_carries_no_token_and_the_token_it_fetches_adds_to_the_cart()
    {
        var product = await shop.NewCartProductAsync(price: 15m);
        await shop.Anonymous().GetAsync($"/products/{product.Id}");
        var browser = shop.Guest();

        var page = await browser.GetAsync($"/products/{product.Id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.NotNull(page.Headers.Age); // another shopper's copy
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.Contains("data-add-to-cart=\"/cart?handler=Add\"", html);

        // What js/add-to-cart.js does on the click: this shopper's own token, then the post.
        var token = await browser.GetFromJsonAsync<JsonElement>("/form-token");
        var post = await browser.PostAsync("/cart?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["productId"] = $"{product.Id}", ["quantity"] = "2", [token.GetProperty("field").GetString()!] = token.GetProperty("token").GetString()!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("¥30.00", Testid(await PageAsync(browser), "cart-subtotal"));

        // Without the token the cart refuses the post, as it refuses any forged one.
        var forged = await shop.Guest().PostAsync("/cart?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["productId"] = $"{product.Id}", ["quantity"] = "1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task The_quantity_form_changes_the_line_and_a_bad_quantity_shows_an_error()
    {
        var product = await shop.NewCartProductAsync(stock: 8);
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 1);

        var changed = await PostFormAsync(browser, $"/cart?handler=Quantity&productId={product.Id}", new() { ["quantity"] = "5" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(5, (await browser.CartAsync()).QuantityOf(product.Id));

        var refused = await PostFormAsync(browser, $"/cart?handler=Quantity&productId={product.Id}", new() { ["quantity"] = "9" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Only 8", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(5, (await browser.CartAsync()).QuantityOf(product.Id));
    }

    [Fact]
    public async Task The_remove_button_takes_the_line_out()
    {
        var product = await shop.NewCartProductAsync();
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 2);

        var removed = await PostFormAsync(browser, $"/cart?handler=Remove&productId={product.Id}", new());

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("data-testid=\"cart-empty\"", await PageAsync(browser));
    }
}

public sealed class CartPageTests_Sqlite(SqliteShop shop) : CartPageTests(shop), IClassFixture<SqliteShop>;
public sealed class CartPageTests_Postgres(PostgresShop shop) : CartPageTests(shop), IClassFixture<PostgresShop>;
