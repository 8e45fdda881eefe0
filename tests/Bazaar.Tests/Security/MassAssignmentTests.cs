using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>Fields a client has no say over (a price, a status, a role, whose it is) are ignored when sent anyway.</summary>
public abstract class MassAssignmentTests(ShopFactory shop)
{
    private async Task<Guid> IdOfAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me")).GetProperty("id").GetGuid();

    [Fact]
    public async Task Registering_with_an_admin_role_gives_a_plain_customer()
    {
        var client = shop.Anonymous();
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        var register = await client.PostAsJsonAsync("/api/v1/accounts/register", new
        {
            userName, phoneNumber = ShopFactory.UniquePhone(), password = ShopFactory.CustomerPassword,
            roles = new[] { "Admin" }, role = "Admin", isAdmin = true, id = Guid.Empty, lockoutEnabled = false,
        });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        await ShopFactory.AuthoriseAsync(client, userName, ShopFactory.CustomerPassword);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me");
        Assert.DoesNotContain("Admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEqual(Guid.Empty, me.GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/orders")).StatusCode);
    }

    [Fact]
    public async Task An_order_sent_with_a_price_a_status_and_someone_elses_id_is_priced_from_the_catalog_pending_and_the_senders()
    {
        var productId = await shop.NewProductAsync(stock: 10, price: 42m);
        var (buyer, addressId) = await shop.CustomerWithAddressAsync();
        var (other, _) = await shop.CustomerWithAddressAsync();
        var otherId = await IdOfAsync(other);

        var placed = await buyer.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new
            {
                addressId, customerId = otherId, userId = otherId, status = "Paid", total = 0.01m, subtotal = 0.01m, shippingFee = 0m,
                items = new[] { new { productId, quantity = 2, price = 0.01m, unitPrice = 0.01m } },
            }),
        });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(84m, order.GetProperty("subtotal").GetDecimal());
        Assert.Equal(94m, order.GetProperty("total").GetDecimal());
        Assert.Equal("PendingPayment", order.GetProperty("status").GetString());
        var number = order.GetProperty("number").GetString()!;
        Assert.Contains(number, await buyer.GetStringAsync("/api/v1/orders"));
        Assert.DoesNotContain(number, await other.GetStringAsync("/api/v1/orders"));
    }

    [Fact]
    public async Task Changing_an_address_with_another_customers_id_changes_ones_own()
    {
        var (owner, addressId) = await shop.CustomerWithAddressAsync();
        var (other, _) = await shop.CustomerWithAddressAsync();
        var otherId = await IdOfAsync(other);

        var changed = await owner.PutAsJsonAsync($"/api/v1/accounts/me/addresses/{addressId}", new
        {
            recipient = "赵六", phone = "13700137000", province = "浙江省", city = "杭州市", district = "西湖区",
            street = "文三路 9 号", postcode = "310012", customerId = otherId, userId = otherId, id = Guid.NewGuid(),
        });
        Assert.True(changed.IsSuccessStatusCode, $"{(int)changed.StatusCode}: {await changed.Content.ReadAsStringAsync()}");

        Assert.Equal("文三路 9 号", (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/me/addresses/{addressId}")).GetProperty("street").GetString());
        var othersBook = await other.GetStringAsync("/api/v1/accounts/me/addresses");
        Assert.DoesNotContain("文三路", othersBook);
        Assert.DoesNotContain(addressId.ToString(), othersBook);
    }

    [Fact]
    public async Task A_cart_line_sent_with_a_price_costs_the_catalog_price()
    {
        var productId = await shop.NewProductAsync(stock: 10, price: 42m);
        var (customer, _, _) = await shop.NewCustomerAsync();

        await customer.PostAsJsonAsync("/api/v1/cart/items", new { productId, quantity = 2, price = 0.01m, unitPrice = 0.01m });
        var cart = await customer.GetFromJsonAsync<JsonElement>("/api/v1/cart");

        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(42m, line.GetProperty("unitPrice").GetDecimal());
        Assert.Equal(84m, cart.GetProperty("subtotal").GetDecimal());
    }
}

public sealed class MassAssignmentTests_Sqlite(SqliteShop shop) : MassAssignmentTests(shop), IClassFixture<SqliteShop>;
public sealed class MassAssignmentTests_Postgres(PostgresShop shop) : MassAssignmentTests(shop), IClassFixture<PostgresShop>;
