using System.Net;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;

namespace Bazaar.Tests.Telemetry;

/// <summary>
/// /metrics answers Prometheus from the operations network (loopback by default) and admins from
/// anywhere; everyone else meets the shop's usual answers and sees no figure.
/// </summary>
public sealed class MetricsEndpointTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task Prometheus_on_the_same_machine_reads_the_metrics_and_sees_an_order_placed()
    {
        var before = Scraping.Sum((await shop.ScrapeFromAsync("127.0.0.1")).Body, "bazaar_orders_placed_total") ?? 0;

        await shop.UnpaidOrderAsync();
        var (status, body, type) = await shop.ScrapeFromAsync("127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/plain", type);
        Assert.True(Scraping.Sum(body, "bazaar_orders_placed_total") >= before + 1, "the order placed is counted");
        Assert.Contains("# TYPE bazaar_orders_placed_total counter", body);
        Assert.Contains("bazaar_stock_reservations_total{", body);
        Assert.Contains("outcome=\"reserved\"", body);
        // Requests by route template: an order's id in the URL does not make a series of its own.
        Assert.DoesNotMatch(@"http_route=""[^""]*[0-9a-f]{8}-[0-9a-f]{4}", body);
        Assert.NotNull(Scraping.Sum(body, "bazaar_outbox_backlog"));
        Assert.NotNull(Scraping.Sum(body, "bazaar_outbox_oldest_age_seconds"));
    }

    [Fact]
    public async Task An_admin_reads_them_from_anywhere()
    {
        var admin = await shop.AdminAsync();

        var response = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", body);
    }

    [Fact]
    public async Task Strangers_and_customers_off_the_operations_network_see_no_figure()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();

        var stranger = await shop.Anonymous().GetAsync("/metrics");
        var fromOutside = await shop.ScrapeFromAsync("203.0.113.7");
        var asCustomer = await customer.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Contains("/account/login", stranger.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, fromOutside.Status);
        Assert.DoesNotContain("bazaar_", fromOutside.Body);
        Assert.Equal(HttpStatusCode.Forbidden, asCustomer.StatusCode);
        Assert.DoesNotContain("bazaar_", await asCustomer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_operations_network_is_a_setting()
    {
        await using var instance = shop.WithWebHostBuilder(b => b.UseSetting("Telemetry:MetricsAllowedFrom", "10.20.0.0/16, 192.0.2.9"));

        Assert.Equal(HttpStatusCode.OK, (await instance.ScrapeFromAsync("10.20.3.4")).Status);
        Assert.Equal(HttpStatusCode.OK, (await instance.ScrapeFromAsync("192.0.2.9")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await instance.ScrapeFromAsync("127.0.0.1")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await instance.ScrapeFromAsync("10.21.0.1")).Status);
    }

    [Fact]
    public async Task Payments_are_counted_by_outcome()
    {
        var before = Scraping.Sum((await shop.ScrapeFromAsync("127.0.0.1")).Body, "bazaar_payments_total") ?? 0;

        await shop.PaidOrderAsync();
        var body = (await shop.ScrapeFromAsync("::1")).Body;

        Assert.True(Scraping.Sum(body, "bazaar_payments_total") >= before + 1);
        Assert.Contains("outcome=\"succeeded\"", body);
    }
}
