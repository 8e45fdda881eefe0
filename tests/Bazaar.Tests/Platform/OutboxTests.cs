using System.Collections.Concurrent;
using Bazaar.Ordering;
using Bazaar.Platform.Outbox;
using Bazaar.Tests.Ordering;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Platform;

/// <summary>Counts what a handler saw, per message; can be told to fail a number of times first.</summary>
public sealed class Recorder
{
    public ConcurrentDictionary<Guid, int> Seen { get; } = new();
    public int FailuresLeft;
}

public sealed class RecordingHandler(Recorder recorder) : IEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced e, OutboxEnvelope envelope, CancellationToken ct)
    {
        if (Interlocked.Decrement(ref recorder.FailuresLeft) >= 0)
            throw new InvalidOperationException("handler is down");
        recorder.Seen.AddOrUpdate(e.OrderId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

public sealed class SecondHandler(Recorder recorder) : IEventHandler<OrderPlaced>
{
    public static readonly ConcurrentDictionary<Guid, int> Seen = new();
    public Task HandleAsync(OrderPlaced e, OutboxEnvelope envelope, CancellationToken ct)
    {
        Seen.AddOrUpdate(e.OrderId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>Events saved with the order reach their handlers at least once, in effect exactly once.</summary>
public abstract class OutboxTests(ShopFactory shop)
{
    private static WebApplicationFactory<Program> WithHandlers(ShopFactory shop, Recorder recorder) =>
        shop.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton(recorder);
            s.AddScoped<IEventHandler<OrderPlaced>, RecordingHandler>();
            s.AddScoped<IEventHandler<OrderPlaced>, SecondHandler>();
        }));

    private async Task<List<Guid>> PlaceOrdersAsync(IServiceProvider services, int count)
    {
        var productId = await shop.NewProductAsync(stock: 1000);
        var customers = await shop.NewCustomersAsync(count);
        var ids = new List<Guid>();
        foreach (var (customerId, addressId) in customers)
        {
            await using var scope = services.CreateAsyncScope();
            var placed = await scope.ServiceProvider.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
                new PlaceOrderRequest([new OrderItemRequest(productId, 1)], addressId), Guid.NewGuid().ToString(), false, default);
            ids.Add(placed.Value!.Id);
        }
        return ids;
    }

    [Fact]
    public async Task An_event_committed_by_a_host_that_stopped_before_dispatch_is_delivered_once_by_the_next()
    {
        var stopped = shop.WithWebHostBuilder(_ => { });
        var orders = await PlaceOrdersAsync(stopped.Services, 1);
        // The host that committed stops before its dispatcher ran (derived hosts are disposed with the fixture).
        stopped.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();

        var recorder = new Recorder();
        var next = WithHandlers(shop, recorder);
        var dispatcher = next.Services.GetRequiredService<DispatchOutbox>();
        while (await dispatcher.RunOnceAsync(default) > 0) { }
        while (await dispatcher.RunOnceAsync(default) > 0) { }

        Assert.Equal(1, recorder.Seen.GetValueOrDefault(orders[0]));
        Assert.Equal(1, SecondHandler.Seen.GetValueOrDefault(orders[0]));
    }

    [Fact]
    public async Task A_failing_handler_is_retried_after_a_backoff_and_the_handler_that_succeeded_is_not_run_again()
    {
        var recorder = new Recorder { FailuresLeft = 1 };
        var host = WithHandlers(shop, recorder);
        var orders = await PlaceOrdersAsync(host.Services, 1);
        var dispatcher = host.Services.GetRequiredService<DispatchOutbox>();
        while (await dispatcher.RunOnceAsync(default) > 0) { }

        var message = await shop.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.Payload.Contains(orders[0].ToString())));
        Assert.Null(message.ProcessedAt);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("handler is down", message.LastError);
        Assert.Equal(0, await dispatcher.RunOnceAsync(default)); // not due yet: backing off

        shop.Clock.Advance(TimeSpan.FromSeconds(3));
        while (await dispatcher.RunOnceAsync(default) > 0) { }

        Assert.Equal(1, recorder.Seen.GetValueOrDefault(orders[0]));
        var delivered = await shop.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == message.Id));
        Assert.NotNull(delivered.ProcessedAt);
        Assert.Equal(2, delivered.Attempts);
        // Whichever handler ran fine on the first attempt ran exactly once in all.
        Assert.Equal(1, SecondHandler.Seen.GetValueOrDefault(orders[0]));
    }

    [Fact]
    public async Task Two_dispatchers_at_once_deliver_each_event_exactly_once()
    {
        var recorder = new Recorder();
        var first = WithHandlers(shop, recorder);
        var second = WithHandlers(shop, recorder);
        var orders = await PlaceOrdersAsync(first.Services, 30);

        async Task DrainAsync(DispatchOutbox d) { while (await d.RunOnceAsync(default) > 0) { } }
        await Task.WhenAll(
            Task.Run(() => DrainAsync(first.Services.GetRequiredService<DispatchOutbox>())),
            Task.Run(() => DrainAsync(second.Services.GetRequiredService<DispatchOutbox>())));

        Assert.All(orders, id => Assert.Equal(1, recorder.Seen.GetValueOrDefault(id)));
    }

    [Fact]
    public async Task Backoff_grows_and_stops_at_ten_minutes()
    {
        Assert.InRange(DispatchOutbox.Backoff(1).TotalSeconds, 1, 1.2);
        Assert.InRange(DispatchOutbox.Backoff(4).TotalSeconds, 8, 9.6);
        Assert.InRange(DispatchOutbox.Backoff(30).TotalSeconds, 600, 720);
        await Task.CompletedTask;
    }
}

public sealed class OutboxTests_Sqlite(SqliteShop shop) : OutboxTests(shop), IClassFixture<SqliteShop>;
public sealed class OutboxTests_Postgres(PostgresShop shop) : OutboxTests(shop), IClassFixture<PostgresShop>;
