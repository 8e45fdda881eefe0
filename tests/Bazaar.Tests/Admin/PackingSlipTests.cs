using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Admin;

/// <summary>The packing slip: who gets the parcel and what goes in it, printable, with no prices on it.</summary>
public abstract class PackingSlipTests(ShopFactory shop)
{
    [Fact]
    public async Task The_slip_names_the_order_the_recipient_and_every_line_without_prices()
    {
        var (tea, cups) = (await shop.NewProductAsync(stock: 20, price: 68.80m), await shop.NewProductAsync(stock: 20, price: 15.50m));
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customer,
            new PlaceOrderRequest([new OrderItemRequest(tea, 2), new OrderItemRequest(cups, 6)], address), Guid.NewGuid().ToString(), true, default));
        var order = placed.Value!;
        await shop.WithScopeAsync(sp => sp.GetRequiredService<ChangeOrderStatus>().HandleAsync(order.Id, OrderStatus.Paid, "test", null, null, default));
        var admin = await shop.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN"); // the warehouse reads Chinese names

        var response = await admin.GetAsync($"/admin/orders/{order.Id}/packing-slip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches($"data-testid=\"slip-order-number\">{order.Number}<", html);
        Assert.Contains("王芳", html);
        Assert.Contains("世纪大道 100 号", html);
        Assert.Contains("200120", html);
        foreach (var line in order.Lines)
        {
            Assert.Contains(line.Sku, html);
            Assert.Contains(line.Name, html);
            Assert.Matches($"<td class=\"qty\">{line.Quantity}</td>", html);
        }
        Assert.Matches("data-testid=\"slip-units\">8<", html);
        // No money anywhere: not the prices, not the totals, not a currency sign.
        foreach (var money in new[] { "¥", "68.80", "137.60", "15.50", "93.00", "230.60", "CNY" })
            Assert.DoesNotContain(money, html);
        Assert.DoesNotContain("13900001111", html); // nor the phone number
        Assert.DoesNotContain("do-not-ship", html);
        // Printable: no shop navigation, a print stylesheet, a Print button wired by a static script.
        Assert.DoesNotContain("site-header", html);
        Assert.Matches("href=\"/css/packing-slip\\.[a-z0-9]+\\.css\"", html); // fingerprinted: cached for a year once published
        Assert.Matches("<script src=\"/js/print\\.[a-z0-9]+\\.js\"", html);
        Assert.DoesNotMatch(" on[a-z]+=\"", html);
        var css = await shop.Anonymous().GetStringAsync("/css/packing-slip.css");
        Assert.Contains("@media print", css);

        // The order's page in the back office links to it.
        var detail = await admin.GetStringAsync($"/admin/orders/{order.Id}");
        Assert.Contains($"href=\"/admin/orders/{order.Id}/packing-slip\"", detail);
    }

    [Fact]
    public async Task An_unpaid_order_s_slip_says_not_to_ship_and_an_unknown_order_is_a_404()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customer,
            new PlaceOrderRequest([new OrderItemRequest(productId, 1)], address), Guid.NewGuid().ToString(), false, default));
        var admin = await shop.AdminAsync();

        var unpaid = await admin.GetStringAsync($"/admin/orders/{placed.Value!.Id}/packing-slip");
        var unknown = await admin.GetAsync($"/admin/orders/{Guid.NewGuid()}/packing-slip");

        Assert.Contains("data-testid=\"do-not-ship\"", unpaid);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Customers_cannot_open_a_packing_slip_not_even_their_own_order_s()
    {
        var productId = await shop.NewProductAsync(stock: 5);
        var (client, addressId) = await shop.CustomerWithAddressAsync();
        var placed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = System.Net.Http.Json.JsonContent.Create(new { addressId, items = new[] { new { productId, quantity = 1 } } }),
        });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(placed.Content))
            .GetProperty("id").GetGuid();

        var response = await client.GetAsync($"/admin/orders/{id}/packing-slip");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
                    || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"),
            $"answered {(int)response.StatusCode} {response.Headers.Location}");
    }
}

public sealed class PackingSlipTests_Sqlite(SqliteShop shop) : PackingSlipTests(shop), IClassFixture<SqliteShop>;
public sealed class PackingSlipTests_Postgres(PostgresShop shop) : PackingSlipTests(shop), IClassFixture<PostgresShop>;
