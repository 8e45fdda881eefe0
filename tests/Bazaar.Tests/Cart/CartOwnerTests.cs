using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>Whose cart a request reaches: the guest cookie's, or the signed-in customer's, never someone else's.</summary>
public abstract class CartOwnerTests(ShopFactory shop)
{
    [Fact]
    public async Task A_guests_first_add_gives_them_a_cart_cookie_the_browser_cannot_read_from_script()
    {
        var product = await shop.NewCartProductAsync();
        var guest = shop.Guest();

        var response = await guest.AddAsync(product.Id, 1);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bazaar.cart="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        // The same browser keeps its cart: no new cookie on the next add, and both adds are on one line.
        var again = await guest.AddAsync(product.Id, 1);
        Assert.Null(GuestCookieSet(again));
        Assert.Equal(2, (await guest.CartAsync()).QuantityOf(product.Id));
    }

    [Fact]
    public async Task Two_guests_have_separate_carts()
    {
        var a = await shop.NewCartProductAsync();
        var b = await shop.NewCartProductAsync();
        var first = shop.Guest();
        var second = shop.Guest();

        await first.AddOkAsync(a.Id, 1);
        await second.AddOkAsync(b.Id, 2);
        await second.RemoveAsync(a.Id);

        var firstCart = await first.CartAsync();
        var secondCart = await second.CartAsync();
        Assert.Equal(a.Id, Assert.Single(firstCart.Lines).ProductId);
        Assert.Equal(b.Id, Assert.Single(secondCart.Lines).ProductId);
        Assert.Empty((await shop.Guest().CartAsync()).Lines);
    }

    [Fact]
    public async Task A_guests_cart_and_a_customers_cart_never_show_in_each_other()
    {
        var guestsProduct = await shop.NewCartProductAsync();
        var customersProduct = await shop.NewCartProductAsync();
        var guest = shop.Guest();
        var (customer, _, _) = await shop.NewCustomerAsync();

        await guest.AddOkAsync(guestsProduct.Id, 1);
        Assert.Empty((await customer.CartAsync()).Lines);
        await customer.AddOkAsync(customersProduct.Id, 1);

        Assert.Equal(guestsProduct.Id, Assert.Single((await guest.CartAsync()).Lines).ProductId);
        Assert.Equal(customersProduct.Id, Assert.Single((await customer.CartAsync()).Lines).ProductId);
        Assert.Empty((await (await shop.NewCustomerAsync()).Client.CartAsync()).Lines);
    }

    [Fact]
    public async Task A_signed_in_customer_gets_their_own_cart_even_when_they_send_a_guest_cookie()
    {
        var guestsProduct = await shop.NewCartProductAsync();
        var guest = shop.Guest();
        var added = await guest.AddAsync(guestsProduct.Id, 1);
        var token = GuestCookieSet(added)!;
        var (customer, _, _) = await shop.NewCustomerAsync();
        customer.DefaultRequestHeaders.Add("Cookie", $"bazaar.cart={token}");

        Assert.Empty((await customer.CartAsync()).Lines);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.RemoveAsync(guestsProduct.Id)).StatusCode);
        Assert.Equal(1, (await guest.CartAsync()).QuantityOf(guestsProduct.Id));
    }

    public static TheoryData<string> ForgedCookies => new()
    {
        "not-a-token",
        "",
        "'; DROP TABLE \"Carts\"; --",
        new string('A', 43), // well formed, but no such cart
        new string('x', 4000),
        "%00%FF%2F..%2F",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/", // 43 characters, one outside the alphabet
    };

    [Theory, MemberData(nameof(ForgedCookies))]
    public async Task A_forged_or_malformed_cart_cookie_gets_an_empty_cart_not_an_error(string forged)
    {
        var product = await shop.NewCartProductAsync();
        var client = shop.WithCookie($"bazaar.cart={forged}");

        var cart = await client.CartAsync();
        var put = await client.SetAsync(product.Id, new { quantity = 1 });
        var delete = await client.RemoveAsync(product.Id);
        var add = await client.AddAsync(product.Id, 1);

        Assert.Empty(cart.Lines);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.True(add.StatusCode == HttpStatusCode.OK, await Describe(add));
        Assert.Equal(1, (await OkCartAsync(add)).QuantityOf(product.Id));
    }

    [Fact]
    public async Task A_guest_cookie_forged_from_another_guests_is_not_their_cart()
    {
        var product = await shop.NewCartProductAsync();
        var guest = shop.Guest();
        var token = GuestCookieSet(await guest.AddAsync(product.Id, 2))!;
        // One character changed: a different, unknown cart.
        var forged = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.Empty((await shop.WithCookie($"bazaar.cart={forged}").CartAsync()).Lines);
        Assert.Equal(2, (await shop.WithCookie($"bazaar.cart={token}").CartAsync()).QuantityOf(product.Id));
    }
}

public sealed class CartOwnerTests_Sqlite(SqliteShop shop) : CartOwnerTests(shop), IClassFixture<SqliteShop>;
public sealed class CartOwnerTests_Postgres(PostgresShop shop) : CartOwnerTests(shop), IClassFixture<PostgresShop>;
