using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Bazaar.Catalog;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Payments;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Tests.Platform;

/// <summary>
/// The product and category cache is coherent across instances: what an operator changes on one is
/// what shoppers see on every other within a second, and a burst of misses costs one database load.
/// </summary>
public sealed class CacheCoherenceTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task A_price_changed_on_one_instance_is_shown_by_the_other_within_a_second()
    {
        var (id, body) = await NewProductAsync(cluster.First);
        Assert.Equal(88.50m, (await CatalogApi.ProductAsync(cluster.Second.Anonymous(), id)).Price); // now cached there

        body["price"] = 77.70m;
        Assert.Equal(HttpStatusCode.NoContent,
            (await (await cluster.First.AdminAsync()).PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);

        var seenAfter = await TimeUntilAsync(async () => (await CatalogApi.ProductAsync(cluster.Second.Anonymous(), id)).Price == 77.70m);
        Assert.True(seenAfter < TimeSpan.FromSeconds(1), $"the second instance showed the old price for {seenAfter.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_product_taken_off_sale_on_one_instance_is_gone_from_the_other()
    {
        var (id, _) = await NewProductAsync(cluster.First);
        var shopper = cluster.Second.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/api/v1/products/{id}")).StatusCode);

        await (await cluster.First.AdminAsync()).PostAsync($"/api/v1/admin/products/{id}/unpublish", null);

        var gone = await TimeUntilAsync(async () => (await shopper.GetAsync($"/api/v1/products/{id}")).StatusCode == HttpStatusCode.NotFound);
        Assert.True(gone < TimeSpan.FromSeconds(1), $"still on sale on the second instance after {gone.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_category_renamed_on_one_instance_is_renamed_on_the_other()
    {
        var shopper = cluster.Second.Anonymous();
        var aisle = (await CatalogApi.CategoriesAsync(shopper)).SelectMany(d => d.Children).Last();
        var newName = "Aisle " + Guid.NewGuid().ToString("N")[..6];

        var renamed = await (await cluster.First.AdminAsync()).PutAsJsonAsync($"/api/v1/admin/categories/{aisle.Id}",
            new { slug = aisle.Slug, nameZh = aisle.NameZh, nameEn = newName, parentId = aisle.ParentId, sortOrder = 0 });
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());

        var seen = await TimeUntilAsync(async () => (await CatalogApi.AisleAsync(shopper, aisle.Slug)).NameEn == newName);
        Assert.True(seen < TimeSpan.FromSeconds(1), $"the old name stayed for {seen.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Fifty_shoppers_opening_an_uncached_product_at_once_cost_one_database_load()
    {
        var (id, _) = await NewProductAsync(cluster.First);
        var detail = cluster.Second.Services.GetRequiredService<IServiceScopeFactory>();
        using var sql = SqlCommands.On(cluster.Second);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            await using var scope = detail.CreateAsyncScope();
            var product = await scope.ServiceProvider.GetRequiredService<GetProduct>().HandleAsync(id, false, false, default);
            Assert.NotNull(product);
        }));

        var productLoads = sql.Count(text => text.Contains("FROM \"Products\"", StringComparison.Ordinal));
        Assert.Equal(1, productLoads);
    }

    [Fact]
    public async Task After_a_restart_the_best_sellers_are_in_memory_before_the_instance_says_it_is_ready()
    {
        var id = (await cluster.First.PaidOrderAsync()).ProductId;

        await using var restarted = new PostgresShop(cluster.First.DatabaseName);
        await restarted.InitializeAsync();
        var readyAfter = await TimeUntilAsync(async () => (await restarted.Anonymous().GetAsync("/readyz")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30));

        var cache = restarted.Services.GetRequiredService<IFusionCache>();
        Assert.True((await cache.TryGetAsync<Product?>($"catalog:product:{id}", new FusionCacheEntryOptions { SkipDistributedCache = true })).HasValue,
            $"ready after {readyAfter.TotalMilliseconds:0} ms without the best seller in memory");
    }

    private static async Task<(int Id, Dictionary<string, object?> Body)> NewProductAsync(ShopFactory shop)
    {
        var admin = await shop.AdminAsync();
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(shop.Anonymous())).Id, stock: 50);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/products", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        body.Remove("isPublished");
        return ((await created.Content.ReadFromJsonAsync<CatalogApi.Created>())!.Id, body);
    }

    /// <summary>How long until <paramref name="condition"/> holds, asking every 20 ms; fails after <paramref name="limit"/> (5 s).</summary>
    internal static async Task<TimeSpan> TimeUntilAsync(Func<Task<bool>> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < (limit ?? TimeSpan.FromSeconds(5)), $"still not so after {clock.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(20);
        }
        return clock.Elapsed;
    }
}

/// <summary>A Redis of the test's own on a free port, which the test may kill and bring back.</summary>
public sealed class KillableRedis : IAsyncLifetime
{
    private Process? _server;
    public int Port { get; } = FreePort();
    public string Configuration => $"127.0.0.1:{Port},connectTimeout=300";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        _server = Process.Start(new ProcessStartInfo("redis-server",
            $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode no")
        { RedirectStandardOutput = true, RedirectStandardError = true })!;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"redis-server did not start on {Port}");
    }

    public void Kill()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.WaitForExit();
    }

    public Task DisposeAsync()
    {
        Kill();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Redis dies under a running shop: no request fails, readiness says degraded, and coherence returns with Redis.</summary>
public sealed class RedisDownTests(KillableRedis redis) : IClassFixture<KillableRedis>
{
    [Fact]
    public async Task Killing_redis_fails_no_request_and_the_shop_reports_itself_degraded()
    {
        await using var first = new PostgresShop(null, redis.Configuration);
        await first.InitializeAsync();
        await using var second = new PostgresShop(first.DatabaseName, redis.Configuration);
        await second.InitializeAsync();
        var admin = await first.AdminAsync();
        var body = CatalogApi.ProductBody((await CatalogApi.AisleAsync(first.Anonymous())).Id);
        var id = (await (await admin.PostAsJsonAsync("/api/v1/admin/products", body)).Content.ReadFromJsonAsync<CatalogApi.Created>())!.Id;
        body.Remove("isPublished");
        Assert.Equal(88.50m, (await CatalogApi.ProductAsync(second.Anonymous(), id)).Price);

        redis.Kill();

        var shopper = first.Anonymous();
        foreach (var url in new[] { "/", $"/products/{id}", $"/api/v1/products/{id}", "/api/v1/categories", "/api/v1/products?q=tea" })
            Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync(url)).StatusCode);
        var ready = await shopper.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"status\":\"Degraded\"", await ready.Content.ReadAsStringAsync());

        body["price"] = 66.60m;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/products/{id}", body)).StatusCode);
        Assert.Equal(66.60m, (await CatalogApi.ProductAsync(first.Anonymous(), id)).Price); // the instance that changed it knows at once

        await redis.StartAsync();
        // The other instance missed the message while Redis was away; FusionCache's auto-recovery sends it again.
        await CacheCoherenceTests.TimeUntilAsync(async () => (await CatalogApi.ProductAsync(second.Anonymous(), id)).Price == 66.60m,
            TimeSpan.FromSeconds(20));
        await CacheCoherenceTests.TimeUntilAsync(async () =>
            (await (await shopper.GetAsync("/readyz")).Content.ReadAsStringAsync()).Contains("\"status\":\"Healthy\""), TimeSpan.FromSeconds(20));
    }
}
