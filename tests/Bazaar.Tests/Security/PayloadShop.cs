using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// A shop whose operators and customers typed <see cref="XssPayloads"/> into everything they could:
/// a department and an aisle per payload, a product per payload in its aisle (names and descriptions),
/// a customer whose addresses carry them, who put every product in the cart, ordered and paid for
/// them all (so they are on the dashboard, the order pages and the packing slip), had the order shipped
/// (the carrier's and the SMS inbox's pages) and a flash sale of the first product.
/// </summary>
public sealed class PayloadShop : IAsyncLifetime
{
    public SqliteShop Shop { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient AdminPages { get; private set; } = null!;
    public HttpClient Customer { get; private set; } = null!;
    public HttpClient CustomerPages { get; private set; } = null!;
    public Guid CustomerId { get; private set; }
    public int DepartmentId { get; private set; }
    public List<(string Payload, int AisleId, int ProductId)> Products { get; } = [];
    public List<(string Payload, Guid Id, string Recipient, string Street)> Addresses { get; } = [];
    public Guid OrderId { get; private set; }

    public static string NameEn(string payload) => "Gadget " + payload;
    public static string NameZh(string payload) => "商品 " + payload;
    public static string Fit(string payload, int max, string otherwise) => payload.Length <= max ? payload : otherwise;

    public async Task InitializeAsync()
    {
        await Shop.InitializeAsync();
        Admin = await Shop.AdminAsync();
        AdminPages = Shop.Guest();
        await Shop.SignInAdminOnPageAsync(AdminPages);

        DepartmentId = await CategoryAsync("xss-dept", XssPayloads.All[1], XssPayloads.All[0], null);
        var i = 0;
        foreach (var payload in XssPayloads.Everything)
        {
            var aisle = await CategoryAsync($"xss-{i}", Fit(payload, 50, "过道 " + i), Fit(payload, 80, "Aisle " + i), DepartmentId);
            var created = await Admin.PostAsJsonAsync("/api/v1/admin/products", new
            {
                sku = $"XSS-{i}-{Guid.NewGuid().ToString("N")[..6]}", nameZh = NameZh(payload), nameEn = NameEn(payload),
                descriptionZh = payload, descriptionEn = payload, price = 10m + i, categoryId = aisle, isPublished = true, stock = 50,
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            Products.Add((payload, aisle, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()));
            i++;
        }

        var (customer, userName, _) = await Shop.NewCustomerAsync();
        Customer = customer;
        CustomerId = (await Customer.GetFromJsonAsync<JsonElement>("/api/v1/accounts/me")).GetProperty("id").GetGuid();
        foreach (var payload in XssPayloads.All.Take(19)) // the book holds 20
        {
            var recipient = Fit(payload, 50, "王芳");
            var street = "街道 " + payload;
            var added = await Customer.PostAsJsonAsync("/api/v1/accounts/me/addresses", new
            {
                recipient, phone = "13800138000", province = Fit(payload, 30, "北京市"), city = Fit(payload, 30, "北京市"),
                district = Fit(payload, 30, "朝阳区"), street, postcode = "100022",
            });
            Assert.True(added.StatusCode == HttpStatusCode.Created, $"{payload}: {await added.Content.ReadAsStringAsync()}");
            Addresses.Add((payload, (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), recipient, street));
        }

        var placed = await Customer.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId = Addresses[1].Id, items = Products.Select(p => new { productId = p.ProductId, quantity = 1 }) }),
        });
        Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        OrderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var payment = await Customer.PostAsync($"/api/v1/orders/{OrderId}/payments", null);
        Assert.Equal(HttpStatusCode.Created, payment.StatusCode);
        Shop.ShopperSettles((await payment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid());
        await Shop.DeliverCallbacksAsync();
        await Shop.DispatchOutboxAsync();
        var shipped = await Admin.PostAsync($"/api/v1/admin/orders/{OrderId}/ship", null);
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
        await Shop.DispatchOutboxAsync();

        foreach (var (_, _, productId) in Products)
            Assert.Equal(HttpStatusCode.OK, (await Customer.PostAsJsonAsync("/api/v1/cart/items", new { productId, quantity = 1 })).StatusCode);
        CustomerPages = Shop.Guest();
        await CustomerPages.SignInOnPageAsync(userName, ShopFactory.CustomerPassword);

        var sale = await Admin.PostAsJsonAsync("/api/v1/admin/flash-sales", new
        {
            productId = Products[0].ProductId, price = 1m, quantity = 5, startsAt = Shop.Clock.GetUtcNow().AddHours(1),
        });
        Assert.True(sale.StatusCode == HttpStatusCode.Created, await sale.Content.ReadAsStringAsync());
    }

    private async Task<int> CategoryAsync(string slug, string nameZh, string nameEn, int? parentId)
    {
        var created = await Admin.PostAsJsonAsync("/api/v1/admin/categories", new { slug, nameZh, nameEn, parentId });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{nameEn}: {await created.Content.ReadAsStringAsync()}");
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    async Task IAsyncLifetime.DisposeAsync() => await ((IAsyncLifetime)Shop).DisposeAsync();
}
