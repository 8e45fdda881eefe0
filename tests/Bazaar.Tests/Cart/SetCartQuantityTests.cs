using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>PUT /api/v1/cart/items/{productId} {quantity}: the shopper types a new quantity on a line.</summary>
public abstract class SetCartQuantityTests(ShopFactory shop)
{
    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_new_quantity_replaces_the_old_one_and_reprices_the_line(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 30, price: 12.50m);
        var other = await shop.NewCartProductAsync(stock: 30, price: 1m);
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(product.Id, 2);
        await client.AddOkAsync(other.Id, 1);

        var answered = await OkCartAsync(await client.SetAsync(product.Id, new { quantity = 7 }));
        var cart = await client.CartAsync();

        foreach (var shown in new[] { answered, cart })
        {
            Assert.Equal(7, shown.QuantityOf(product.Id));
            Assert.Equal(87.50m, shown.Find(product.Id)!.LineTotal);
            Assert.Equal(1, shown.QuantityOf(other.Id));
            Assert.Equal(88.50m, shown.Subtotal);
        }
    }

    [Theory, InlineData(0), InlineData(-1), InlineData(100), InlineData(null)]
    public async Task A_quantity_outside_1_to_99_or_missing_is_a_400_and_the_line_stays(int? quantity)
    {
        var product = await shop.NewCartProductAsync(stock: 500);
        var (client, _, _) = await shop.NewCustomerAsync();
        await client.AddOkAsync(product.Id, 4);

        var response = quantity is null
            ? await client.SetAsync(product.Id, new { })
            : await client.SetAsync(product.Id, new { quantity });

        await AssertFieldErrorAsync(response, "quantity");
        Assert.Equal(4, (await client.CartAsync()).QuantityOf(product.Id));
    }

    [Fact]
    public async Task Zero_says_to_remove_the_line_instead()
    {
        var product = await shop.NewCartProductAsync();
        var client = shop.Guest();
        await client.AddOkAsync(product.Id, 1);

        var messages = await AssertFieldErrorAsync(await client.SetAsync(product.Id, new { quantity = 0 }), "quantity");

        Assert.Contains(messages, m => m.Contains("remove", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1, (await client.CartAsync()).QuantityOf(product.Id));
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task More_than_is_available_is_refused_saying_how_many_are_left(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 6);
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(product.Id, 2);

        var response = await client.SetAsync(product.Id, new { quantity = 7 });

        Assert.Contains(await AssertFieldErrorAsync(response, "quantity"), m => m.Contains("Only 6"));
        Assert.Equal(2, (await client.CartAsync()).QuantityOf(product.Id));
        Assert.Equal(6, (await OkCartAsync(await client.SetAsync(product.Id, new { quantity = 6 }))).QuantityOf(product.Id));
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_product_not_in_the_cart_is_a_404(string who)
    {
        var inCart = await shop.NewCartProductAsync();
        var notInCart = await shop.NewCartProductAsync();
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(inCart.Id, 1);

        var response = await client.SetAsync(notInCart.Id, new { quantity = 2 });

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await Describe(response));
        var cart = await client.CartAsync();
        Assert.Equal(0, cart.QuantityOf(notInCart.Id));
        Assert.Equal(1, cart.QuantityOf(inCart.Id));
    }

    [Fact]
    public async Task A_guest_without_a_cart_gets_a_404()
    {
        var product = await shop.NewCartProductAsync();

        var response = await shop.Guest().SetAsync(product.Id, new { quantity = 2 });

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await Describe(response));
    }

    [Fact]
    public async Task A_customer_cannot_change_a_line_in_someone_elses_cart()
    {
        var product = await shop.NewCartProductAsync();
        var (owner, _, _) = await shop.NewCustomerAsync();
        var (stranger, _, _) = await shop.NewCustomerAsync();
        await owner.AddOkAsync(product.Id, 3);

        var response = await stranger.SetAsync(product.Id, new { quantity = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(3, (await owner.CartAsync()).QuantityOf(product.Id));
    }
}

public sealed class SetCartQuantityTests_Sqlite(SqliteShop shop) : SetCartQuantityTests(shop), IClassFixture<SqliteShop>;
public sealed class SetCartQuantityTests_Postgres(PostgresShop shop) : SetCartQuantityTests(shop), IClassFixture<PostgresShop>;
