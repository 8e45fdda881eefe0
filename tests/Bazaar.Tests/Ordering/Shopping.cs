using System.Net.Http.Json;
using Bazaar.Accounts;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Ordering;

/// <summary>Arranging a shop for ordering tests: products with known stock, customers with an address.</summary>
public static class Shopping
{
    public static async Task<int> NewProductAsync(this ShopFactory shop, int stock, decimal price = 50m)
    {
        var admin = await shop.AdminAsync();
        var categoryId = await shop.WithDbAsync(db => db.Set<Bazaar.Catalog.Category>().Where(c => c.ParentId != null)
            .Select(c => c.Id).FirstAsync());
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/products", new
        {
            sku, nameZh = "测试商品 " + sku, nameEn = "Test product " + sku, descriptionZh = "", descriptionEn = "",
            price, categoryId, isPublished = true, stock,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    /// <summary>
    /// Customers written straight to the database (no password hashing), each with one address:
    /// enough to place orders through the handler, fast enough to make hundreds.
    /// </summary>
    public static async Task<List<(Guid CustomerId, Guid AddressId)>> NewCustomersAsync(this ShopFactory shop, int count)
    {
        var result = new List<(Guid, Guid)>();
        await shop.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                var user = new ShopUser
                {
                    Id = Guid.CreateVersion7(), UserName = "c" + Guid.NewGuid().ToString("N")[..12],
                    PhoneNumber = "+86" + ShopFactory.UniquePhone(), CreatedAt = DateTimeOffset.UtcNow,
                };
                user.NormalizedUserName = user.UserName.ToUpperInvariant();
                user.SecurityStamp = Guid.NewGuid().ToString();
                var address = new Address
                {
                    Id = Guid.CreateVersion7(), UserId = user.Id, Recipient = "王芳", Phone = "+8613900001111", Province = "上海市",
                    City = "上海市", District = "浦东新区", Street = "世纪大道 100 号", Postcode = "200120", IsDefault = true,
                    CreatedAt = DateTimeOffset.UtcNow,
                };
                db.Add(user);
                db.Add(address);
                result.Add((user.Id, address.Id));
            }
            await db.SaveChangesAsync();
            return 0;
        });
        return result;
    }

    /// <summary>A registered customer (bearer token) with one address made through the API.</summary>
    public static async Task<(HttpClient Client, Guid AddressId)> CustomerWithAddressAsync(this ShopFactory shop)
    {
        var (client, _, _) = await shop.NewCustomerAsync();
        var address = await client.PostAsJsonAsync("/api/v1/accounts/me/addresses", new
        {
            recipient = "张伟", phone = "13800138000", province = "北京市", city = "北京市", district = "朝阳区",
            street = "建国路 88 号", postcode = "100022",
        });
        address.EnsureSuccessStatusCode();
        return (client, (await address.Content.ReadFromJsonAsync<IdOnly>())!.Id);
    }

    public static async Task<StockSnapshot> StockAsync(this ShopFactory shop, int productId)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IInventory>().GetAsync(productId, default))!;
    }

    public static async Task<T> WithDbAsync<T>(this ShopFactory shop, Func<ShopDb, Task<T>> work)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ShopDb>());
    }

    public static async Task<T> WithScopeAsync<T>(this ShopFactory shop, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private sealed record Created(int Id, string Sku);
    private sealed record IdOnly(Guid Id);
}
