using Bazaar.Cart;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Cart;

/// <summary>Guest carts untouched for 30 days go; a recent guest cart and every customer's cart stay.</summary>
public abstract class PurgeAbandonedGuestCartsTests(ShopFactory shop)
{
    [Fact]
    public async Task A_guest_cart_untouched_for_thirty_days_is_deleted_and_a_customers_cart_is_kept()
    {
        var product = await shop.NewCartProductAsync(stock: 50);
        var oldGuest = shop.Guest();
        await oldGuest.AddOkAsync(product.Id, 2);
        var (customer, userName, _) = await shop.NewCustomerAsync();
        await customer.AddOkAsync(product.Id, 1);

        shop.Clock.Advance(TimeSpan.FromDays(31));
        var recentGuest = shop.Guest();
        await recentGuest.AddOkAsync(product.Id, 3);
        await shop.Services.GetRequiredService<PurgeAbandonedGuestCarts>().RunOnceAsync(default);

        Assert.Empty((await oldGuest.CartAsync()).Lines);
        Assert.Equal(3, (await recentGuest.CartAsync()).QuantityOf(product.Id));
        // A month later the customer's token has expired: they sign in again and find their cart.
        await ShopFactory.AuthoriseAsync(customer, userName, "password-123");
        Assert.Equal(1, (await customer.CartAsync()).QuantityOf(product.Id));
    }
}

public sealed class PurgeAbandonedGuestCartsTests_Sqlite(SqliteShop shop) : PurgeAbandonedGuestCartsTests(shop), IClassFixture<SqliteShop>;
public sealed class PurgeAbandonedGuestCartsTests_Postgres(PostgresShop shop) : PurgeAbandonedGuestCartsTests(shop), IClassFixture<PostgresShop>;
