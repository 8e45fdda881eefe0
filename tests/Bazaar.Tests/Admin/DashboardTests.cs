using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bazaar.Ordering;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Admin;

/// <summary>
/// The back office's dashboard counts what happened: orders on China's calendar, revenue of paid
/// orders only, what waits to ship, payments pending, low stock against each product's threshold,
/// best sellers. The page shows the very figures the API returns, and draws them with the vendored
/// Chart.js, served by the shop itself.
/// </summary>
public abstract class DashboardTests(ShopFactory shop)
{
    [Fact]
    public async Task Today_turns_at_midnight_in_Shanghai_and_revenue_counts_paid_orders_only()
    {
        var yesterday = shop.MoveToChinaTime(23, 50); // 15:50 UTC
        var productId = await shop.NewProductAsync(stock: 100, price: 120m); // 120 and up ships free: totals are price × units
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        await shop.OrderAsync(customer, address, productId, 1, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, productId, 1);

        shop.Clock.Advance(TimeSpan.FromMinutes(20)); // 00:10 in Shanghai, still 16:10 of the same UTC day
        await shop.OrderAsync(customer, address, productId, 2, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, productId, 3, OrderStatus.Paid, OrderStatus.Shipped);
        await shop.OrderAsync(customer, address, productId, 1);
        await shop.OrderAsync(customer, address, productId, 4, OrderStatus.Paid, OrderStatus.Refunded);
        await shop.OrderAsync(customer, address, productId, 1, OrderStatus.Cancelled);
        var dashboard = await shop.DashboardAsync();

        var today = yesterday.AddDays(1);
        Assert.Equal(today, dashboard.Day("date"));
        Assert.StartsWith("Asia/Shanghai", dashboard.GetProperty("timeZone").GetString());
        var todays = dashboard.GetProperty("today");
        Assert.Equal(5, todays.GetProperty("orders").GetInt32());
        Assert.Equal(2, todays.GetProperty("soldOrders").GetInt32());
        Assert.Equal(600.00m, todays.GetProperty("revenue").GetDecimal()); // 2 × 120 + 3 × 120; not the refunded 480

        var days = dashboard.Items("revenuePerDay");
        Assert.Equal(30, days.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => today.AddDays(i - 29)), days.Select(d => d.Day()));
        Assert.Equal((5, 2, 600.00m), (days[^1].GetProperty("orders").GetInt32(), days[^1].GetProperty("soldOrders").GetInt32(),
            days[^1].GetProperty("revenue").GetDecimal()));
        Assert.Equal((2, 1, 120.00m), (days[^2].GetProperty("orders").GetInt32(), days[^2].GetProperty("soldOrders").GetInt32(),
            days[^2].GetProperty("revenue").GetDecimal()));

        // The week starts on Monday in China and is the sum of its days so far.
        var week = dashboard.GetProperty("thisWeek");
        var monday = week.Day("from");
        Assert.Equal(DayOfWeek.Monday, monday.DayOfWeek);
        Assert.InRange(today.DayNumber - monday.DayNumber, 0, 6);
        Assert.Equal(today, week.Day("to"));
        var sinceMonday = days.Where(d => d.Day() >= monday).ToList();
        Assert.Equal(sinceMonday.Sum(d => d.GetProperty("orders").GetInt32()), week.GetProperty("orders").GetInt32());
        Assert.Equal(sinceMonday.Sum(d => d.GetProperty("revenue").GetDecimal()), week.GetProperty("revenue").GetDecimal());
        Assert.Equal(today.DayOfWeek == DayOfWeek.Monday ? 600.00m : 720.00m,
            week.GetProperty("revenue").GetDecimal() - days.Where(d => d.Day() >= monday && d.Day() < yesterday).Sum(d => d.GetProperty("revenue").GetDecimal()));
    }

    [Fact]
    public async Task Paid_orders_wait_to_ship_until_shipped_and_started_payments_are_pending()
    {
        shop.MoveToChinaTime(10, 0);
        var before = await shop.DashboardAsync();
        var productId = await shop.NewProductAsync(stock: 20);
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        await shop.OrderAsync(customer, address, productId, 1, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, productId, 1, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, productId, 1, OrderStatus.Paid, OrderStatus.Shipped);
        await shop.OrderAsync(customer, address, productId, 1);
        var unpaid = await shop.UnpaidOrderAsync(quantity: 3, price: 40m);
        await unpaid.StartedPaymentAsync();

        var after = await shop.DashboardAsync();

        Assert.Equal(2, after.GetProperty("waitingToShip").GetInt32() - before.GetProperty("waitingToShip").GetInt32());
        var (pendingBefore, pendingAfter) = (before.GetProperty("pendingPayments"), after.GetProperty("pendingPayments"));
        Assert.Equal(1, pendingAfter.GetProperty("count").GetInt32() - pendingBefore.GetProperty("count").GetInt32());
        Assert.Equal(unpaid.Total, pendingAfter.GetProperty("amount").GetDecimal() - pendingBefore.GetProperty("amount").GetDecimal());
        var statuses = after.Items("ordersByStatus").ToDictionary(s => s.GetProperty("status").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.True(statuses["Paid"] >= 2 && statuses["Shipped"] >= 1 && statuses["PendingPayment"] >= 2, string.Join(", ", statuses));
    }

    [Fact]
    public async Task A_product_is_low_when_its_available_units_drop_to_its_own_threshold()
    {
        var strict = await shop.NewProductAsync(stock: 10);
        var lenient = await shop.NewProductAsync(stock: 10);
        var admin = await shop.AdminAsync();
        var set = await admin.PutAsJsonAsync($"/api/v1/admin/products/{strict}/stock/threshold", new { threshold = 8 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(8, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("lowStockThreshold").GetInt32());
        Assert.Equal(5, (await shop.StockAsync(lenient)).LowStockThreshold); // the default

        Assert.DoesNotContain(await LowAsync(), l => l.Id == strict || l.Id == lenient);

        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        await shop.OrderAsync(customer, address, strict, 2); // reserved, not yet sold: available 8
        await shop.OrderAsync(customer, address, lenient, 2);
        var low = await LowAsync();
        Assert.Contains((strict, 8, 8), low.Select(l => (l.Id, l.Available, l.Threshold)));
        Assert.DoesNotContain(low, l => l.Id == lenient); // 8 available is plenty at a threshold of 5

        await shop.OrderAsync(customer, address, lenient, 3, OrderStatus.Paid); // sold: available 5
        low = await LowAsync();
        Assert.Contains((lenient, 5, 5), low.Select(l => (l.Id, l.Available, l.Threshold)));
        // Fewest available first.
        Assert.True(low.FindIndex(l => l.Id == lenient) < low.FindIndex(l => l.Id == strict));

        // The stock page shows the threshold; the dashboard links there.
        var page = await (await admin.GetAsync($"/admin/products/{strict}/stock")).Content.ReadAsStringAsync();
        Assert.Matches("data-testid=\"low-stock-threshold\">8<", page);
        Assert.Contains("data-testid=\"low-stock\"", page);
        var home = await admin.GetStringAsync("/admin");
        Assert.Contains($"href=\"/admin/products/{strict}/stock\"", home);
    }

    private async Task<List<(int Id, int Available, int Threshold)>> LowAsync()
    {
        var low = (await shop.DashboardAsync()).GetProperty("lowStock");
        var items = low.Items("items");
        Assert.True(low.GetProperty("count").GetInt32() >= items.Count);
        return items.Select(i => (i.GetProperty("productId").GetInt32(), i.GetProperty("available").GetInt32(),
            i.GetProperty("lowStockThreshold").GetInt32())).ToList();
    }

    [Fact]
    public async Task A_threshold_must_be_a_whole_number_of_units_for_a_product_that_has_stock()
    {
        var productId = await shop.NewProductAsync(stock: 3);
        var admin = await shop.AdminAsync();
        var (customer, _, _) = await shop.NewCustomerAsync();
        var url = $"/api/v1/admin/products/{productId}/stock/threshold";

        var negative = await admin.PutAsJsonAsync(url, new { threshold = -1 });
        var missing = await admin.PutAsJsonAsync(url, new { });
        var text = await admin.PutAsync(url, new StringContent("{\"threshold\":\"lots\"}", System.Text.Encoding.UTF8, "application/json"));
        var unknown = await admin.PutAsJsonAsync("/api/v1/admin/products/999999999/stock/threshold", new { threshold = 2 });
        var byCustomer = await customer.PutAsJsonAsync(url, new { threshold = 0 });
        var zero = await admin.PutAsJsonAsync(url, new { threshold = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.True((await negative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("threshold", out _));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, zero.StatusCode); // 0: low only when sold out
        Assert.Equal(0, (await shop.StockAsync(productId)).LowStockThreshold);
        Assert.DoesNotContain(await LowAsync(), l => l.Id == productId);
    }

    [Fact]
    public async Task The_top_products_are_the_most_units_sold_in_30_days_named_by_the_catalog()
    {
        shop.MoveToChinaTime(12, 0);
        var (first, second, third, unpaid) = (await shop.NewProductAsync(stock: 300, price: 10m), await shop.NewProductAsync(stock: 300, price: 10m),
            await shop.NewProductAsync(stock: 300, price: 10m), await shop.NewProductAsync(stock: 300, price: 10m));
        var (customer, address) = (await shop.NewCustomersAsync(1))[0];
        await shop.OrderAsync(customer, address, third, 95, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, second, 97, OrderStatus.Paid, OrderStatus.Shipped);
        await shop.OrderAsync(customer, address, first, 99, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Delivered);
        await shop.OrderAsync(customer, address, first, 2, OrderStatus.Paid);
        await shop.OrderAsync(customer, address, unpaid, 99); // never paid: not sold
        await shop.OrderAsync(customer, address, third, 99, OrderStatus.Paid, OrderStatus.Refunded); // given back: not sold

        var top = (await shop.DashboardAsync()).Items("topProducts");

        Assert.InRange(top.Count, 3, 10);
        Assert.Equal([first, second, third], top.Take(3).Select(p => p.GetProperty("productId").GetInt32()));
        Assert.Equal([101, 97, 95], top.Take(3).Select(p => p.GetProperty("units").GetInt32()));
        Assert.Equal(1010.00m, top[0].GetProperty("revenue").GetDecimal());
        Assert.StartsWith("测试商品 T-", top[0].GetProperty("nameZh").GetString());
        Assert.StartsWith("Test product T-", top[0].GetProperty("nameEn").GetString());
        Assert.StartsWith("T-", top[0].GetProperty("sku").GetString());
        Assert.DoesNotContain(top, p => p.GetProperty("productId").GetInt32() == unpaid);
    }

    [Fact]
    public async Task The_page_embeds_the_same_figures_the_api_returns_and_loads_the_charts_from_the_shop()
    {
        var admin = await shop.AdminAsync();
        var api = await shop.DashboardAsync();
        var page = await admin.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        var embedded = Regex.Match(html, "<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(embedded.Success, "no dashboard-data block");
        Assert.True(JsonElement.DeepEquals(api, JsonDocument.Parse(embedded.Groups[1].Value).RootElement),
            $"page: {embedded.Groups[1].Value}\napi: {api}");
        Assert.Contains("China time", html);
        Assert.Contains("Asia/Shanghai", html);
        foreach (var link in new[] { "/admin/orders", "/admin/products", "/admin/categories", "/admin/customers", "/admin/notifications", "/admin/audit" })
            Assert.Contains($"href=\"{link}\"", html);
        foreach (var chart in new[] { "chart-revenue", "chart-status", "chart-top" })
            Assert.Contains($"<canvas id=\"{chart}\"", html);
        // Every script and stylesheet from the shop itself: no CDN, no other host. (Not a search for
        // "cdn" in the whole page: a random anti-forgery token may spell it.)
        Assert.Empty(Regex.Matches(html, "<(?:script|link)[^>]+(?:src|href)=\"(?:https?:)?//[^\"]*\"").Select(m => m.Value));
        Assert.DoesNotMatch(" on[a-z]+=\"", html); // no inline event handlers

        // The scripts the page names are served by the shop, as JavaScript.
        var scripts = Regex.Matches(html, "<script src=\"([^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains(scripts, s => Regex.IsMatch(s, @"^/lib/chart\.js/chart\.umd\.min\.[a-z0-9]+\.js$"));
        Assert.Contains(scripts, s => Regex.IsMatch(s, @"^/js/dashboard\.[a-z0-9]+\.js$"));
        var anonymous = shop.Anonymous();
        foreach (var src in scripts)
        {
            var script = await anonymous.GetAsync(src);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }
        var chartJs = await anonymous.GetStringAsync("/lib/chart.js/chart.umd.min.js");
        Assert.StartsWith("/*!\n * Chart.js v4.6.1", chartJs);
    }

    [Fact]
    public async Task Customers_and_strangers_are_kept_out()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await customer.GetAsync("/api/v1/admin/dashboard")).StatusCode);
        var page = await customer.GetAsync("/admin");
        Assert.True(page.StatusCode == HttpStatusCode.Forbidden
                    || page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.ToString().Contains("/account/denied"),
            $"/admin answered a customer {(int)page.StatusCode} {page.Headers.Location}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Anonymous().GetAsync("/api/v1/admin/dashboard")).StatusCode);
    }
}

public sealed class DashboardTests_Sqlite(SqliteShop shop) : DashboardTests(shop), IClassFixture<SqliteShop>;
public sealed class DashboardTests_Postgres(PostgresShop shop) : DashboardTests(shop), IClassFixture<PostgresShop>;
