using System.Net;
using Bazaar.Cart;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using static Bazaar.Tests.Cart.CartApi;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>POST /api/v1/cart/items {productId, quantity}, for a guest (cookie) and for a signed-in customer.</summary>
public abstract class AddToCartTests(ShopFactory shop)
{
    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task An_added_product_is_in_the_cart_at_its_catalog_price(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 20, price: 61.70m);
        var client = await shop.ShopperAsync(who);

        var answered = await client.AddOkAsync(product.Id, 2);
        var cart = await client.CartAsync("en");

        Assert.Equal(product.NameEn, Assert.Single(cart.Lines).Name);
        foreach (var shown in new[] { answered, cart })
        {
            var line = Assert.Single(shown.Lines);
            Assert.Equal(product.Id, line.ProductId);
            Assert.Equal(product.Sku, line.Sku);
            Assert.Equal(2, line.Quantity);
            Assert.Equal(61.70m, line.UnitPrice);
            Assert.Equal(123.40m, line.LineTotal);
            Assert.Null(line.Problem);
            Assert.Equal(123.40m, shown.Subtotal);
            Assert.Equal(2, shown.ItemCount);
            Assert.True(shown.CanCheckOut);
        }
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task Adding_the_same_product_twice_adds_the_quantities_on_one_line(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 20, price: 10m);
        var client = await shop.ShopperAsync(who);

        await client.AddOkAsync(product.Id, 2);
        await client.AddOkAsync(product.Id, 3);

        var line = Assert.Single((await client.CartAsync()).Lines);
        Assert.Equal(5, line.Quantity);
        Assert.Equal(50m, line.LineTotal);
    }

    [Theory, InlineData(0), InlineData(-1), InlineData(100), InlineData(null)]
    public async Task A_quantity_outside_1_to_99_or_missing_is_a_400_on_quantity(int? quantity)
    {
        var product = await shop.NewCartProductAsync(stock: 500);
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = quantity is null
            ? await client.AddAsync(new { productId = product.Id })
            : await client.AddAsync(product.Id, quantity.Value);

        await AssertFieldErrorAsync(response, "quantity");
        Assert.Empty((await client.CartAsync()).Lines);
    }

    [Fact]
    public async Task A_line_may_not_grow_past_99_units()
    {
        var product = await shop.NewCartProductAsync(stock: 500);
        var (client, _, _) = await shop.NewCustomerAsync();
        await client.AddOkAsync(product.Id, 60);

        var tooMany = await client.AddAsync(product.Id, 40);

        var messages = await AssertFieldErrorAsync(tooMany, "quantity");
        Assert.Contains(messages, m => m.Contains("99"));
        Assert.Equal(60, (await client.CartAsync()).QuantityOf(product.Id));
        Assert.Equal(99, (await client.AddOkAsync(product.Id, 39)).QuantityOf(product.Id));
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task More_than_is_available_is_refused_saying_how_many_are_left(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 5);
        var client = await shop.ShopperAsync(who);

        var first = await client.AddAsync(product.Id, 6);
        Assert.Contains(await AssertFieldErrorAsync(first, "quantity"), m => m.Contains("Only 5"));

        await client.AddOkAsync(product.Id, 3);
        var second = await client.AddAsync(product.Id, 3);

        Assert.Contains(await AssertFieldErrorAsync(second, "quantity"), m => m.Contains("Only 5"));
        Assert.Equal(3, (await client.CartAsync()).QuantityOf(product.Id));
    }

    [Fact]
    public async Task A_sold_out_product_cannot_be_added()
    {
        var product = await shop.NewCartProductAsync(stock: 0);
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.AddAsync(product.Id, 1);

        Assert.Contains(await AssertFieldErrorAsync(response, "quantity"), m => m.Contains("sold out", StringComparison.OrdinalIgnoreCase));
        Assert.Empty((await client.CartAsync()).Lines);
    }

    [Theory, InlineData("unknown"), InlineData("unpublished"), InlineData("missing"), InlineData("zero")]
    public async Task A_product_that_is_not_for_sale_is_a_400_on_productId(string which)
    {
        var unpublished = await shop.NewCartProductAsync(stock: 10, published: false);
        var client = await shop.ShopperAsync("guest");

        var response = which switch
        {
            "unknown" => await client.AddAsync(987_654_321, 1),
            "unpublished" => await client.AddAsync(unpublished.Id, 1),
            "missing" => await client.AddAsync(new { quantity = 1 }),
            _ => await client.AddAsync(0, 1),
        };

        await AssertFieldErrorAsync(response, "productId");
        Assert.Empty((await client.CartAsync()).Lines);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        var (client, _, _) = await shop.NewCustomerAsync();

        var response = await client.PostAsync("/api/v1/cart/items",
            new StringContent("{\"productId\": \"many\", \"quantity\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await Describe(response));
    }

    /// <summary>A shopper clicking "add" many times fast: every click counts, one line, no 500.</summary>
    [Fact]
    public async Task Ten_parallel_adds_of_one_unit_make_one_line_of_ten()
    {
        var product = await shop.NewCartProductAsync(stock: 100);
        var (client, userName, _) = await shop.NewCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.AddAsync(product.Id, 1)));

        foreach (var response in responses)
            Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        var line = Assert.Single((await client.CartAsync()).Lines);
        Assert.Equal(10, line.Quantity);
        Assert.Equal(1, await shop.WithDbAsync(db => db.Set<ShoppingCart>()
            .CountAsync(c => db.Users.Any(u => u.Id == c.CustomerId && u.UserName == userName))));
    }

    [Fact]
    public async Task Parallel_adds_never_take_a_line_past_what_is_available()
    {
        var product = await shop.NewCartProductAsync(stock: 7);
        var (client, _, _) = await shop.NewCustomerAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.AddAsync(product.Id, 1)));

        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(7, (await client.CartAsync()).QuantityOf(product.Id));
    }
}

public sealed class AddToCartTests_Sqlite(SqliteShop shop) : AddToCartTests(shop), IClassFixture<SqliteShop>;
public sealed class AddToCartTests_Postgres(PostgresShop shop) : AddToCartTests(shop), IClassFixture<PostgresShop>;
