using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Admin;

/// <summary>Arranging orders at chosen moments of China's day, and reading the dashboard's figures.</summary>
public static class Dashboarding
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// Moves the shop's clock forward to <paramref name="hour"/>:<paramref name="minute"/> in Shanghai on
    /// the day after tomorrow, so the day (and the day before it) hold only what this test puts there.
    /// </summary>
    public static DateOnly MoveToChinaTime(this ShopFactory shop, int hour, int minute)
    {
        var local = shop.Clock.GetUtcNow().ToOffset(China);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(2);
        // In UTC: FakeTimeProvider hands back the offset it was given, and Npgsql writes only UTC.
        shop.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), China).ToUniversalTime());
        return day;
    }

    public static DateOnly ChinaToday(this ShopFactory shop) => DateOnly.FromDateTime(shop.Clock.GetUtcNow().ToOffset(China).DateTime);

    /// <summary>An order placed now through the handler, then moved along <paramref name="steps"/>.</summary>
    public static async Task<Guid> OrderAsync(this ShopFactory shop, Guid customerId, Guid addressId, int productId, int quantity,
        params OrderStatus[] steps)
    {
        var placed = await shop.WithScopeAsync(sp => sp.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
            new PlaceOrderRequest([new OrderItemRequest(productId, quantity)], addressId), Guid.NewGuid().ToString(), false, default));
        Assert.True(placed.Succeeded, placed.Problem?.Detail);
        var id = placed.Value!.Id;
        foreach (var step in steps)
        {
            var moved = await shop.WithScopeAsync(sp => sp.GetRequiredService<ChangeOrderStatus>().HandleAsync(id, step, "test", null, null, default));
            Assert.True(moved.Succeeded, moved.Problem?.Detail);
        }
        return id;
    }

    public static async Task<JsonElement> DashboardAsync(this ShopFactory shop)
    {
        var admin = await shop.AdminAsync();
        var response = await admin.GetAsync("/api/v1/admin/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static List<JsonElement> Items(this JsonElement e, string property) => e.GetProperty(property).EnumerateArray().ToList();

    public static DateOnly Day(this JsonElement e, string property = "day") => DateOnly.Parse(e.GetProperty(property).GetString()!);
}
