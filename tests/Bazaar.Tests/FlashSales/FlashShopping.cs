using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.FlashSales;
using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bazaar.Tests.FlashSales;

/// <summary>A customer ready to buy: an address, and a bearer token the shop accepts.</summary>
public sealed record FlashBuyer(Guid CustomerId, Guid AddressId, string Token);

/// <summary>What one buy attempt got back.</summary>
public sealed record BuyAnswer(FlashBuyer Buyer, HttpStatusCode Status, JsonElement Body)
{
    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var c) ? c.GetString() : null;
    public Guid OrderId => Body.GetProperty("id").GetGuid();
}

/// <summary>Arranging flash sales and crowds of buyers, and reading what the shop decided.</summary>
public static class FlashShopping
{
    public const decimal ListPrice = 50.00m, FlashPrice = 9.90m;

    /// <summary>A new product with <paramref name="stock"/> units, and a sale of <paramref name="quantity"/> of them that starts now.</summary>
    public static async Task<(Guid SaleId, int ProductId)> NewSaleAsync(this ShopFactory shop, int quantity, int stock = 100,
        TimeSpan? startsIn = null)
    {
        var productId = await shop.NewProductAsync(stock, ListPrice);
        var response = await (await shop.AdminAsync()).PostAsJsonAsync("/api/v1/admin/flash-sales", new
        {
            productId, price = FlashPrice, quantity, startsAt = shop.Clock.GetUtcNow() + (startsIn ?? TimeSpan.Zero),
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), productId);
    }

    /// <summary>
    /// Customers written straight to the database, each with a bearer token minted the way the token
    /// endpoint mints one: hundreds in seconds, where signing each in (password hashing) would take minutes.
    /// </summary>
    public static async Task<List<FlashBuyer>> NewBuyersAsync(this ShopFactory shop, int count)
    {
        var customers = await shop.NewCustomersAsync(count);
        var bearer = shop.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ShopUser>>();
        var buyers = new List<FlashBuyer>();
        foreach (var (customerId, addressId) in customers)
        {
            var principal = await principals.CreateAsync((await users.FindByIdAsync(customerId.ToString()))!);
            var ticket = new AuthenticationTicket(principal,
                new AuthenticationProperties { ExpiresUtc = shop.Clock.GetUtcNow() + TimeSpan.FromDays(1) }, IdentityConstants.BearerScheme);
            buyers.Add(new FlashBuyer(customerId, addressId, bearer.BearerTokenProtector.Protect(ticket)));
        }
        return buyers;
    }

    public static async Task<BuyAnswer> BuyAsync(this ShopFactory shop, HttpClient client, FlashBuyer buyer, Guid saleId,
        string? key = null, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{saleId}/orders")
        {
            Content = JsonContent.Create(body ?? new { addressId = buyer.AddressId }),
        };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer.Token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new BuyAnswer(buyer, response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Every buyer tries once, all released at the same moment.</summary>
    public static async Task<List<BuyAnswer>> EveryoneBuysAsync(this ShopFactory shop, IReadOnlyList<FlashBuyer> buyers, Guid saleId)
    {
        var client = shop.Anonymous();
        using var start = new SemaphoreSlim(0);
        var attempts = buyers.Select(b => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await shop.BuyAsync(client, b, saleId);
        })).ToList();
        start.Release(buyers.Count);
        return (await Task.WhenAll(attempts)).ToList();
    }

    public static Task<FlashSale> SaleAsync(this ShopFactory shop, Guid saleId) =>
        shop.WithDbAsync(db => db.Set<FlashSale>().AsNoTracking().SingleAsync(s => s.Id == saleId));

    public static Task<List<FlashSalePurchase>> PurchasesAsync(this ShopFactory shop, Guid saleId) =>
        shop.WithDbAsync(db => db.Set<FlashSalePurchase>().AsNoTracking().Where(p => p.FlashSaleId == saleId).ToListAsync());

    /// <summary>Orders for the product, with their customer and the price paid per unit.</summary>
    public static Task<List<(Guid Customer, Guid Order, decimal UnitPrice, int Quantity)>> OrdersOfAsync(this ShopFactory shop, int productId) =>
        shop.WithDbAsync(async db => (await db.Set<Order>().AsNoTracking().Where(o => o.Lines.Any(l => l.ProductId == productId))
                .Select(o => new { o.CustomerId, o.Id, o.Lines.First().UnitPrice, o.Lines.First().Quantity }).ToListAsync())
            .Select(o => (o.CustomerId, o.Id, o.UnitPrice, o.Quantity)).ToList());

    /// <summary>Units Redis would still hand out for the sale (null: not open there).</summary>
    public static Task<int?> RedisRemainingAsync(this ShopFactory shop, Guid saleId) =>
        shop.Services.GetRequiredService<RedisFlashStock>().RemainingAsync(saleId);

    public static Task<IReadOnlyList<Guid>> RedisPendingAsync(this ShopFactory shop, Guid saleId) =>
        shop.Services.GetRequiredService<RedisFlashStock>().PendingAsync(saleId);

    public static Task<FlashSalesPass> ReconcileFlashSalesAsync(this ShopFactory shop) =>
        shop.Services.GetRequiredService<ReconcileFlashSales>().RunOnceAsync(default);

    /// <summary>
    /// The whole outcome of a sale of <paramref name="quantity"/> units: exactly that many orders at the
    /// flash price, one per customer, matching the purchases and Sold; every other answer "sold out".
    /// </summary>
    public static async Task AssertSoldExactlyAsync(this ShopFactory shop, List<BuyAnswer> answers, Guid saleId, int productId, int quantity)
    {
        var unexpected = answers.Where(a => a.Status != HttpStatusCode.Created && a.Code != FlashSaleAnswers.SoldOutCode).ToList();
        Assert.True(unexpected.Count == 0, "unexpected answers: " + string.Join("; ", unexpected.Take(3).Select(a => $"{(int)a.Status} {a.Body}")));
        var winners = answers.Where(a => a.Status == HttpStatusCode.Created).ToList();
        Assert.Equal(quantity, winners.Count);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));

        var sale = await shop.SaleAsync(saleId);
        Assert.Equal(quantity, sale.Sold);
        var purchases = await shop.PurchasesAsync(saleId);
        Assert.Equal(quantity, purchases.Count);
        var orders = await shop.OrdersOfAsync(productId);
        Assert.Equal(quantity, orders.Count);
        Assert.Equal(quantity, orders.Select(o => o.Customer).Distinct().Count()); // no customer has two
        Assert.All(orders, o => Assert.Equal((FlashPrice, 1), (o.UnitPrice, o.Quantity)));
        Assert.Equal(winners.Select(w => w.OrderId).Order(), orders.Select(o => o.Order).Order());
        Assert.Equal(winners.Select(w => w.Buyer.CustomerId).Order(), purchases.Select(p => p.CustomerId).Order());
        // Each unit moved from the sale's hold to its order: reserved stock is what it was, nothing more.
        var stock = await shop.StockAsync(productId);
        Assert.Equal(sale.Quantity, stock.Reserved);
        var held = await shop.WithDbAsync(db => db.Set<StockReservation>().Where(r => r.ProductId == productId && r.Status == ReservationStatus.Held)
            .SumAsync(r => r.Quantity));
        Assert.Equal(sale.Quantity, held);
    }
}
