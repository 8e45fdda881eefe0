using System.Net;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>DELETE /api/v1/cart/items/{productId}: a line leaves the cart, the others stay.</summary>
public abstract class RemoveFromCartTests(ShopFactory shop)
{
    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_removed_line_is_gone_and_the_subtotal_follows(string who)
    {
        var kept = await shop.NewCartProductAsync(price: 20m);
        var removed = await shop.NewCartProductAsync(price: 30m);
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(kept.Id, 2);
        await client.AddOkAsync(removed.Id, 1);

        var answered = await OkCartAsync(await client.RemoveAsync(removed.Id));
        var cart = await client.CartAsync();

        foreach (var shown in new[] { answered, cart })
        {
            var line = Assert.Single(shown.Lines);
            Assert.Equal(kept.Id, line.ProductId);
            Assert.Equal(40m, shown.Subtotal);
            Assert.Equal(2, shown.ItemCount);
        }
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task Removing_a_product_that_is_not_in_the_cart_is_a_404(string who)
    {
        var inCart = await shop.NewCartProductAsync();
        var notInCart = await shop.NewCartProductAsync();
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(inCart.Id, 1);

        var response = await client.RemoveAsync(notInCart.Id);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await Describe(response));
        Assert.Equal(1, (await client.CartAsync()).QuantityOf(inCart.Id));
    }

    [Fact]
    public async Task Removing_twice_is_a_404_the_second_time()
    {
        var product = await shop.NewCartProductAsync();
        var client = shop.Guest();
        await client.AddOkAsync(product.Id, 1);

        var first = await client.RemoveAsync(product.Id);
        var second = await client.RemoveAsync(product.Id);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Empty((await client.CartAsync()).Lines);
    }

    [Fact]
    public async Task A_guest_without_a_cart_gets_a_404()
    {
        var product = await shop.NewCartProductAsync();

        var response = await shop.Guest().RemoveAsync(product.Id);

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await Describe(response));
    }

    [Fact]
    public async Task Nobody_can_remove_a_line_from_someone_elses_cart()
    {
        var product = await shop.NewCartProductAsync();
        var (owner, _, _) = await shop.NewCustomerAsync();
        var (stranger, _, _) = await shop.NewCustomerAsync();
        var guest = shop.Guest();
        await owner.AddOkAsync(product.Id, 3);
        await guest.AddOkAsync(product.Id, 2);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.RemoveAsync(product.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Guest().RemoveAsync(product.Id)).StatusCode);
        Assert.Equal(3, (await owner.CartAsync()).QuantityOf(product.Id));
        Assert.Equal(2, (await guest.CartAsync()).QuantityOf(product.Id));
    }
}

public sealed class RemoveFromCartTests_Sqlite(SqliteShop shop) : RemoveFromCartTests(shop), IClassFixture<SqliteShop>;
public sealed class RemoveFromCartTests_Postgres(PostgresShop shop) : RemoveFromCartTests(shop), IClassFixture<PostgresShop>;
