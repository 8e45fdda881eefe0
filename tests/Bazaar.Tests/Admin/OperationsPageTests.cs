using System.Net;
using Bazaar.Tests.Payments;
using Bazaar.Platform.Outbox;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Admin;

/// <summary>
/// The operations page and its API: what the instances did, from their samples in the database.
/// Each test first moves the clock past the 10-minute windows of the one before it.
/// </summary>
public sealed class OperationsPageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task After_requests_and_an_order_the_figures_show_them_and_this_instance_is_up_and_ready()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync(); // whatever came before this test
        var anonymous = shop.Anonymous();
        for (var i = 0; i < 20; i++)
            (await anonymous.GetAsync("/")).EnsureSuccessStatusCode();
        await shop.UnpaidOrderAsync();
        var sample = await shop.RecordSampleAsync();

        var operations = await shop.OperationsAsync();

        Assert.True(sample.Requests >= 20, $"{sample.Requests} requests counted");
        Assert.True(sample.Orders >= 1);
        var now = operations.GetProperty("now");
        Assert.True(now.GetProperty("requestsPerSecond").GetDouble() > 0);
        Assert.True(now.GetProperty("ordersPerMinute").GetDouble() > 0);
        Assert.True(now.GetProperty("p99Ms").GetDouble() > 0);
        Assert.Equal(0, now.GetProperty("errorRatio").GetDouble());
        var me = operations.Instance(shop.InstanceName());
        Assert.True(me.GetProperty("up").GetBoolean());
        Assert.True(me.GetProperty("ready").GetBoolean());
        Assert.DoesNotContain("BazaarInstanceDown", operations.AlertNames());
        Assert.DoesNotContain("BazaarHighErrorRatio", operations.AlertNames());
        // The chart's minute under way has the requests too.
        Assert.True(operations.Items("lastHour")[^1].GetProperty("requestsPerSecond").GetDouble() > 0);
        Assert.Equal(60, operations.Items("lastHour").Count);
    }

    [Fact]
    public async Task Paying_while_the_gateway_is_down_answers_503s_that_the_error_ratio_counts()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync();
        var order = await shop.UnpaidOrderAsync();
        shop.PartnersDown = true;
        try
        {
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await order.StartPaymentAsync()).StatusCode);
        }
        finally
        {
            shop.PartnersDown = false;
        }
        var sample = await shop.RecordSampleAsync();

        var operations = await shop.OperationsAsync();

        Assert.Equal(3, sample.Errors);
        Assert.True(operations.GetProperty("now").GetProperty("errorRatio").GetDouble() > 0.01);
        Assert.Contains("BazaarHighErrorRatio", operations.AlertNames());
        Assert.True(operations.Instance(shop.InstanceName()).GetProperty("errorRatio").GetDouble() > 0);
    }

    [Fact]
    public async Task A_burst_of_5xx_raises_the_error_ratio_alert_and_it_clears_after_five_minutes()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync();
        Assert.DoesNotContain("BazaarHighErrorRatio", (await shop.OperationsAsync()).AlertNames());

        await shop.WriteSampleAsync("shop-burst", TimeSpan.FromSeconds(2), requests: 1000, errors: 30);
        var during = await shop.OperationsAsync();
        shop.Clock.Advance(TimeSpan.FromMinutes(5));
        await shop.RecordSampleAsync();
        var after = await shop.OperationsAsync();

        Assert.Contains("BazaarHighErrorRatio", during.AlertNames());
        Assert.InRange(during.GetProperty("now").GetProperty("errorRatio").GetDouble(), 0.02, 0.031);
        Assert.DoesNotContain("BazaarHighErrorRatio", after.AlertNames());
    }

    [Fact]
    public async Task An_instance_silent_for_more_than_15_seconds_is_down_and_raises_instance_down()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync();
        await shop.WriteSampleAsync("shop-quiet", TimeSpan.FromSeconds(10));
        await shop.WriteSampleAsync("shop-gone", TimeSpan.FromSeconds(40));

        var operations = await shop.OperationsAsync();

        Assert.True(operations.Instance("shop-quiet").GetProperty("up").GetBoolean());
        Assert.False(operations.Instance("shop-gone").GetProperty("up").GetBoolean());
        Assert.True(operations.Instance(shop.InstanceName()).GetProperty("up").GetBoolean());
        var down = Assert.Single(operations.Items("alerts"), a => a.GetProperty("name").GetString() == "BazaarInstanceDown");
        Assert.Equal("shop-gone", down.GetProperty("instance").GetString());
        Assert.Contains("shop-gone", down.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_fifth_of_payments_failing_raises_the_payment_alert_but_two_failures_do_not()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync();
        await shop.WriteSampleAsync("shop-pay", TimeSpan.FromSeconds(1), paymentsSucceeded: 2, paymentsFailed: 2);
        Assert.DoesNotContain("BazaarPaymentFailuresSpiking", (await shop.OperationsAsync()).AlertNames());

        await shop.WriteSampleAsync("shop-pay", TimeSpan.Zero, paymentsSucceeded: 10, paymentsFailed: 4);

        Assert.Contains("BazaarPaymentFailuresSpiking", (await shop.OperationsAsync()).AlertNames());
    }

    [Fact]
    public async Task An_outbox_event_waiting_more_than_a_minute_raises_outbox_stuck()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.Services.GetRequiredService<DispatchOutbox>().RunOnceAsync(default); // the events of earlier tests
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // the outbox gauge reads the database at most every 2 s
        await shop.RecordSampleAsync();
        Assert.DoesNotContain("BazaarOutboxStuck", (await shop.OperationsAsync()).AlertNames());

        await shop.UnpaidOrderAsync(); // its OrderPlaced waits: tests dispatch by hand
        shop.Clock.Advance(TimeSpan.FromSeconds(61));
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // the outbox gauge reads the database at most every 2 s
        await shop.RecordSampleAsync();
        var operations = await shop.OperationsAsync();

        Assert.Contains("BazaarOutboxStuck", operations.AlertNames());
        Assert.True(operations.GetProperty("now").GetProperty("outboxBacklog").GetInt64() >= 1);
    }

    [Fact]
    public async Task The_page_shows_the_figures_and_instances_and_the_dashboard_links_to_it()
    {
        shop.Clock.Advance(TimeSpan.FromMinutes(11));
        await shop.RecordSampleAsync();
        var admin = await shop.AdminAsync();

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/operations"));
        var dashboard = await admin.GetStringAsync("/admin");

        Assert.Contains("data-testid=\"figure-requestsPerSecond\"", page);
        Assert.Contains("data-testid=\"chart-latency\"", page);
        Assert.Contains($"data-instance=\"{shop.InstanceName()}\" data-up=\"True\"", page);
        Assert.Contains("Alerts: the shop's own checks", page);
        Assert.Contains("href=\"/admin/operations\"", dashboard);
    }

    [Fact]
    public async Task A_customer_is_refused_and_a_stranger_is_sent_to_sign_in()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var stranger = shop.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/admin/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync("/api/v1/admin/operations")).StatusCode);
        var page = await stranger.GetAsync("/admin/operations");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
    }
}
