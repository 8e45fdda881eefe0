using System.Net;
using Bazaar.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Cart.CartApi;

namespace Bazaar.Tests.Cart;

/// <summary>
/// What a guest put in the cart follows them when they sign in on the sign-in page: added to the
/// customer's own lines, capped at 99 and at what is available; the guest cart is gone afterwards.
/// </summary>
public abstract class MergeGuestCartTests(ShopFactory shop)
{
    [Fact]
    public async Task Signing_in_adds_the_guests_lines_to_the_customers_cart_and_ends_the_guest_cart()
    {
        var both = await shop.NewCartProductAsync(stock: 50, price: 10m);
        var guestOnly = await shop.NewCartProductAsync(stock: 50, price: 3m);
        var customerOnly = await shop.NewCartProductAsync(stock: 50, price: 1m);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        await customer.AddOkAsync(both.Id, 2);
        await customer.AddOkAsync(customerOnly.Id, 1);
        var browser = shop.Guest();
        var token = GuestCookieSet(await browser.AddAsync(both.Id, 3))!;
        await browser.AddOkAsync(guestOnly.Id, 4);

        var signedIn = await browser.SignInOnPageAsync(userName, Password);

        var cart = await customer.CartAsync();
        Assert.Equal(5, cart.QuantityOf(both.Id));
        Assert.Equal(4, cart.QuantityOf(guestOnly.Id));
        Assert.Equal(1, cart.QuantityOf(customerOnly.Id));
        Assert.Equal(3, cart.Lines.Count);
        Assert.Equal(63m, cart.Subtotal);
        // The browser now shows the customer's cart, and the guest cookie is deleted.
        Assert.Equal(cart, await browser.CartAsync(), CartComparer);
        Assert.Equal("", GuestCookieSet(signedIn));
        // The guest cart itself is gone: its old cookie finds nothing.
        Assert.Empty((await shop.WithCookie($"bazaar.cart={token}").CartAsync()).Lines);
        Assert.Equal(0, await shop.WithDbAsync(db => db.Set<ShoppingCart>().CountAsync(c => c.GuestToken == token)));
    }

    [Fact]
    public async Task A_customer_without_a_cart_gets_the_guests_lines()
    {
        var product = await shop.NewCartProductAsync(stock: 50);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 2);

        await browser.SignInOnPageAsync(userName, Password);

        Assert.Equal(2, Assert.Single((await customer.CartAsync()).Lines).Quantity);
    }

    [Fact]
    public async Task Merged_quantities_are_capped_at_99()
    {
        var product = await shop.NewCartProductAsync(stock: 500);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        await customer.AddOkAsync(product.Id, 60);
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 50);

        await browser.SignInOnPageAsync(userName, Password);

        Assert.Equal(99, (await customer.CartAsync()).QuantityOf(product.Id));
    }

    [Fact]
    public async Task Merged_quantities_are_capped_at_what_is_available()
    {
        var product = await shop.NewCartProductAsync(stock: 6);
        var sinceRestocked = await shop.NewCartProductAsync(stock: 10);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        await customer.AddOkAsync(product.Id, 4);
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 3);
        await browser.AddOkAsync(sinceRestocked.Id, 8);
        await shop.EditAsync(sinceRestocked, body => body["stock"] = 5);

        await browser.SignInOnPageAsync(userName, Password);

        var cart = await customer.CartAsync();
        Assert.Equal(6, cart.QuantityOf(product.Id));
        Assert.Equal(5, cart.QuantityOf(sinceRestocked.Id));
        Assert.True(cart.CanCheckOut);
    }

    /// <summary>A shopper double-clicking "Sign in": both answers sign them in, the guest cart counts once.</summary>
    [Fact]
    public async Task Two_sign_ins_at_once_from_one_browser_merge_the_guest_cart_once()
    {
        var product = await shop.NewCartProductAsync(stock: 50);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        await customer.AddOkAsync(product.Id, 2);
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 3);
        var form = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(form,
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        HttpContent Fields() => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = userName, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.PostAsync("/account/login", Fields())));

        foreach (var answer in answers)
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect, await Catalog.CatalogApi.Describe(answer));
        Assert.Equal(5, (await customer.CartAsync()).QuantityOf(product.Id));
    }

    /// <summary>
    /// The same race without the password check in front, so the merges really start together:
    /// each guest cart is merged by four sign-ins at once, and counted once, without an error.
    /// </summary>
    [Fact]
    public async Task Merges_of_one_guest_cart_racing_each_other_count_it_once_and_never_fail()
    {
        var product = await shop.NewCartProductAsync(stock: 500);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        var customerId = await shop.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var expected = 0;
        for (var round = 0; round < 5; round++)
        {
            var browser = shop.Guest();
            var token = GuestCookieSet(await browser.AddAsync(product.Id, 1 + round))!;
            expected += 1 + round;

            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => shop.WithScopeAsync(async services =>
            {
                await services.GetRequiredService<MergeGuestCart>().HandleAsync(token, customerId, default);
                return 0;
            })));

            Assert.Equal(expected, (await customer.CartAsync()).QuantityOf(product.Id));
            Assert.Empty((await shop.WithCookie($"bazaar.cart={token}").CartAsync()).Lines);
        }
    }

    [Fact]
    public async Task A_failed_sign_in_leaves_the_guest_cart_alone()
    {
        var product = await shop.NewCartProductAsync();
        var (customer, userName, _) = await shop.NewCustomerAsync();
        var browser = shop.Guest();
        await browser.AddOkAsync(product.Id, 2);

        var form = await browser.GetAsync("/account/login");
        var html = await form.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html,
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var failed = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = userName, ["Input.Password"] = "wrong-password", ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode); // the form again, with its error
        Assert.Equal(2, (await browser.CartAsync()).QuantityOf(product.Id));
        Assert.Empty((await customer.CartAsync()).Lines);
    }

    private static readonly IEqualityComparer<CartBody> CartComparer = EqualityComparer<CartBody>.Create(
        (a, b) => a is not null && b is not null && a.Subtotal == b.Subtotal && a.Lines.SequenceEqual(b.Lines),
        c => c.Lines.Count);
}

public sealed class MergeGuestCartTests_Sqlite(SqliteShop shop) : MergeGuestCartTests(shop), IClassFixture<SqliteShop>;
public sealed class MergeGuestCartTests_Postgres(PostgresShop shop) : MergeGuestCartTests(shop), IClassFixture<PostgresShop>;
