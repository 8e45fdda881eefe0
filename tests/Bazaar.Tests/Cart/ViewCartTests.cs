using Bazaar.Tests.Platform;
using static Bazaar.Tests.Cart.CartApi;

namespace Bazaar.Tests.Cart;

/// <summary>GET /api/v1/cart: lines, prices and totals as the catalog has them at this moment.</summary>
public abstract class ViewCartTests(ShopFactory shop)
{
    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_shopper_who_added_nothing_sees_an_empty_cart_that_cannot_be_checked_out(string who)
    {
        var client = await shop.ShopperAsync(who);

        var cart = await client.CartAsync();

        Assert.Empty(cart.Lines);
        Assert.Equal(0m, cart.Subtotal);
        Assert.Equal(0, cart.ItemCount);
        Assert.False(cart.CanCheckOut);
        Assert.Equal("CNY", cart.Currency);
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_price_changed_in_the_back_office_shows_in_the_cart_with_a_new_subtotal(string who)
    {
        var product = await shop.NewCartProductAsync(stock: 20, price: 50m);
        var other = await shop.NewCartProductAsync(stock: 20, price: 5m);
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(product.Id, 2);
        await client.AddOkAsync(other.Id, 1);

        await shop.EditAsync(product, body => body["price"] = 45.60m);
        var cart = await client.CartAsync();

        var line = cart.Find(product.Id)!;
        Assert.Equal(45.60m, line.UnitPrice);
        Assert.Equal(91.20m, line.LineTotal);
        Assert.Equal(96.20m, cart.Subtotal);
        Assert.True(cart.CanCheckOut);
    }

    [Theory, InlineData("guest"), InlineData("customer")]
    public async Task A_product_unpublished_after_it_was_added_is_flagged_and_blocks_checkout(string who)
    {
        var gone = await shop.NewCartProductAsync(stock: 20, price: 30m);
        var fine = await shop.NewCartProductAsync(stock: 20, price: 7m);
        var client = await shop.ShopperAsync(who);
        await client.AddOkAsync(gone.Id, 1);
        await client.AddOkAsync(fine.Id, 2);
        Assert.True((await client.CartAsync()).CanCheckOut);

        await shop.UnpublishAsync(gone.Id);
        var cart = await client.CartAsync();

        Assert.False(string.IsNullOrWhiteSpace(cart.Find(gone.Id)!.Problem));
        Assert.Null(cart.Find(fine.Id)!.Problem);
        Assert.False(cart.CanCheckOut);
        Assert.Equal(14m, cart.Subtotal); // only what can be bought
    }

    [Fact]
    public async Task A_line_above_the_stock_left_is_flagged_with_how_many_are_left()
    {
        var product = await shop.NewCartProductAsync(stock: 10);
        var client = shop.Guest();
        await client.AddOkAsync(product.Id, 6);

        await shop.EditAsync(product, body => body["stock"] = 4);
        var cart = await client.CartAsync();

        var line = cart.Find(product.Id)!;
        Assert.Contains("4", line.Problem);
        Assert.Equal(4, line.Available);
        Assert.False(cart.CanCheckOut);
    }

    [Fact]
    public async Task Names_follow_the_shoppers_language()
    {
        var product = await shop.NewCartProductAsync();
        var client = shop.Guest();
        await client.AddOkAsync(product.Id, 1);

        Assert.Equal(product.NameEn, (await client.CartAsync("en")).Lines[0].Name);
        Assert.Equal("购物车测试 " + product.Sku, (await client.CartAsync("zh-CN")).Lines[0].Name);
    }
}

public sealed class ViewCartTests_Sqlite(SqliteShop shop) : ViewCartTests(shop), IClassFixture<SqliteShop>;
public sealed class ViewCartTests_Postgres(PostgresShop shop) : ViewCartTests(shop), IClassFixture<PostgresShop>;
