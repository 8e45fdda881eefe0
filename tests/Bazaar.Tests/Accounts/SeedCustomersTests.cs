using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Tests.Cart;
using Bazaar.Tests.FlashSales;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Accounts;

/// <summary>
/// `bazaar seed customers`: accounts made in bulk are ordinary customers. Their tokens open the API,
/// their addresses take an order, their shared password signs them in, and seeding again renews the
/// tokens of the same accounts rather than making new ones.
/// </summary>
public abstract class SeedCustomersTests(ShopFactory shop)
{
    private async Task<List<SeededCustomer>> SeedAsync(string prefix, int count)
    {
        var seeded = new List<SeededCustomer>();
        await shop.WithScopeAsync(async sp =>
        {
            await ActivatorUtilities.CreateInstance<SeedCustomers>(sp).HandleAsync(count, prefix, "seeded-pass-1", c =>
            {
                seeded.Add(c);
                return Task.CompletedTask;
            }, new Progress<int>(), default);
            return 0;
        });
        return seeded;
    }

    [Fact]
    public async Task Seeded_customers_use_the_API_with_their_token_buy_with_their_address_and_sign_in_with_the_password()
    {
        var prefix = "s" + Guid.NewGuid().ToString("N")[..8];
        var (saleId, _) = await shop.NewSaleAsync(5);

        var seeded = await SeedAsync(prefix, 3);

        Assert.Equal([prefix + "1", prefix + "2", prefix + "3"], seeded.Select(c => c.UserName));
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", seeded[1].AccessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me");
        Assert.Equal(prefix + "2", me.GetProperty("userName").GetString());
        Assert.Equal(["Customer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var bought = await shop.BuyAsync(shop.Anonymous(), new FlashBuyer(seeded[1].Id, seeded[1].AddressId, seeded[1].AccessToken), saleId);
        Assert.Equal(HttpStatusCode.Created, bought.Status);
        var signedIn = await shop.Guest().SignInOnPageAsync(prefix + "3", "seeded-pass-1");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    [Fact]
    public async Task Seeding_again_keeps_the_accounts_and_renews_their_tokens()
    {
        var prefix = "r" + Guid.NewGuid().ToString("N")[..8];
        var first = await SeedAsync(prefix, 2);

        var second = await SeedAsync(prefix, 3);

        Assert.Equal(first.Select(c => (c.Id, c.AddressId)), second.Take(2).Select(c => (c.Id, c.AddressId)));
        Assert.NotEqual(first[0].AccessToken, second[0].AccessToken);
        Assert.Equal(prefix + "3", second[2].UserName);
    }
}

public sealed class SeedCustomersTests_Sqlite(SqliteShop shop) : SeedCustomersTests(shop), IClassFixture<SqliteShop>;
public sealed class SeedCustomersTests_Postgres(PostgresShop shop) : SeedCustomersTests(shop), IClassFixture<PostgresShop>;
