using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Admin.Operations;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Admin;

/// <summary>Recording operations samples by hand (the shops' own timer is off in tests) and reading the operations figures.</summary>
public static class Operating
{
    public static string InstanceName(this ShopFactory shop) => shop.Services.GetRequiredService<InstanceName>().Name;

    /// <summary>Moves the shop's clock by one interval and writes the interval's sample, as the timer would.</summary>
    public static Task<OperationsSample> RecordSampleAsync(this ShopFactory shop)
    {
        shop.Clock.Advance(TimeSpan.FromSeconds(5));
        return shop.Services.GetRequiredService<RecordOperationsSamples>().RecordOnceAsync(default);
    }

    /// <summary>A sample as another instance would have written it, <paramref name="ago"/> before the shop's now.</summary>
    public static Task WriteSampleAsync(this ShopFactory shop, string instance, TimeSpan ago, long requests = 0, long errors = 0,
        long paymentsSucceeded = 0, long paymentsFailed = 0) =>
        shop.WithDbAsync(async db =>
        {
            var at = shop.Clock.GetUtcNow().UtcDateTime - ago;
            db.Add(new OperationsSample
            {
                Instance = instance, StartedAt = at.AddHours(-1), At = at, Seconds = 5, Requests = requests, Errors = errors,
                Latency = LatencyBuckets.Format(new long[LatencyBuckets.Count]), PaymentsSucceeded = paymentsSucceeded,
                PaymentsFailed = paymentsFailed, Ready = true,
            });
            return await db.SaveChangesAsync();
        });

    public static async Task<JsonElement> OperationsAsync(this ShopFactory shop)
    {
        var admin = await shop.AdminAsync();
        var response = await admin.GetAsync("/api/v1/admin/operations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonElement Instance(this JsonElement operations, string name) =>
        operations.Items("instances").Single(i => i.GetProperty("name").GetString() == name);

    public static List<string> AlertNames(this JsonElement operations) =>
        operations.Items("alerts").Select(a => a.GetProperty("name").GetString()!).ToList();
}
