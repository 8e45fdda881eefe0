using System.Collections.Concurrent;
using Bazaar.Ordering;
using Bazaar.Platform.Outbox;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Cluster;

/// <summary>What the slow handler does with each order's event: how long it takes, or to wait for the test.</summary>
public sealed class SlowPartner
{
    public ConcurrentDictionary<Guid, int> Delivered { get; } = new();
    public ConcurrentDictionary<Guid, TimeSpan> Takes { get; } = new();
    public ConcurrentDictionary<Guid, TaskCompletionSource> Gates { get; } = new();
    public ConcurrentDictionary<Guid, TaskCompletionSource> Started { get; } = new();
}

/// <summary>A handler talking to a slow partner: it moves the shop's fake clock as the call takes time.</summary>
public sealed class SlowPartnerHandler(SlowPartner partner, TimeProvider clock) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced e, OutboxEnvelope envelope, CancellationToken ct)
    {
        partner.Started.GetOrAdd(e.OrderId, _ => new()).TrySetResult();
        if (partner.Takes.TryGetValue(e.OrderId, out var takes))
            ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)clock).Advance(takes);
        if (partner.Gates.TryGetValue(e.OrderId, out var gate))
            await gate.Task.WaitAsync(ct);
        partner.Delivered.AddOrUpdate(e.OrderId, 1, (_, n) => n + 1);
    }
}

/// <summary>
/// Three instances dispatch the outbox at once. A batch whose lease runs out (a slow partner) must
/// stop, so the instance that takes the messages over is the only one delivering them.
/// </summary>
public sealed class OutboxLeaseTests(PostgresShop shop) : IClassFixture<PostgresShop>
{
    private WebApplicationFactory<Program> Instance(SlowPartner partner, string? lease = null) =>
        shop.WithWebHostBuilder(b => (lease is null ? b : b.UseSetting("Outbox:Lease", lease)).ConfigureTestServices(s =>
        {
            s.AddSingleton(partner);
            s.AddScoped<IEventHandler<OrderPlaced>, SlowPartnerHandler>();
        }));

    private async Task<List<Guid>> PlaceOrdersAsync(IServiceProvider services, int count)
    {
        var productId = await shop.NewProductAsync(stock: 100);
        var ids = new List<Guid>();
        foreach (var (customerId, addressId) in await shop.NewCustomersAsync(count))
        {
            await using var scope = services.CreateAsyncScope();
            var placed = await scope.ServiceProvider.GetRequiredService<PlaceOrder>().HandleAsync(customerId,
                new PlaceOrderRequest([new OrderItemRequest(productId, 1)], addressId), Guid.NewGuid().ToString(), false, default);
            ids.Add(placed.Value!.Id);
        }
        return ids;
    }

    private Task<OutboxMessage> MessageOfAsync(Guid orderId) =>
        shop.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .SingleAsync(m => m.Type == "ordering.order-placed" && m.Payload.Contains(orderId.ToString())));

    private static async Task DrainAsync(DispatchOutbox d) { while (await d.RunOnceAsync(default) > 0) { } }

    [Fact]
    public async Task A_batch_that_runs_out_of_lease_stops_and_hands_the_rest_back_at_once()
    {
        var partner = new SlowPartner();
        var instance = Instance(partner);
        var orders = await PlaceOrdersAsync(instance.Services, 3);
        foreach (var id in orders)
            partner.Takes[id] = TimeSpan.FromSeconds(25);

        await instance.Services.GetRequiredService<DispatchOutbox>().RunOnceAsync(default);

        // 25 s + 25 s of a 60 s lease: the third would have started with 10 s left, less than a handler's budget.
        Assert.Equal(1, partner.Delivered.GetValueOrDefault(orders[0]));
        Assert.Equal(1, partner.Delivered.GetValueOrDefault(orders[1]));
        Assert.Equal(0, partner.Delivered.GetValueOrDefault(orders[2]));
        var third = await MessageOfAsync(orders[2]);
        Assert.Null(third.ProcessedAt);
        Assert.Null(third.LockedUntil);

        // Another instance takes it now, without waiting for the old lease to run out.
        partner.Takes.Clear();
        await DrainAsync(Instance(partner).Services.GetRequiredService<DispatchOutbox>());
        Assert.All(orders, id => Assert.Equal(1, partner.Delivered.GetValueOrDefault(id)));
        Assert.NotNull((await MessageOfAsync(orders[2])).ProcessedAt);
    }

    [Fact]
    public async Task A_handler_still_running_when_its_lease_expires_is_stopped_so_the_instance_taking_over_delivers_once()
    {
        var partner = new SlowPartner();
        var first = Instance(partner);
        var second = Instance(partner);
        var order = (await PlaceOrdersAsync(first.Services, 1))[0];
        var gate = partner.Gates[order] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var stuck = Task.Run(() => DrainAsync(first.Services.GetRequiredService<DispatchOutbox>()));
        await partner.Started.GetOrAdd(order, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30));

        shop.Clock.Advance(DispatchOutbox.DefaultLease + TimeSpan.FromSeconds(1));
        // The first instance gives up on its call when the lease runs out (before the fix it waited on).
        await stuck.WaitAsync(TimeSpan.FromSeconds(30));
        partner.Gates.TryRemove(order, out _);
        shop.Clock.Advance(TimeSpan.FromSeconds(5)); // past the first retry's backoff
        await DrainAsync(second.Services.GetRequiredService<DispatchOutbox>());
        gate.TrySetResult(); // the partner answers the first instance's call after all

        Assert.Equal(1, partner.Delivered.GetValueOrDefault(order));
        var message = await MessageOfAsync(order);
        Assert.NotNull(message.ProcessedAt);
        Assert.Null(message.LockedUntil);
    }

    [Fact]
    public async Task A_delivery_finished_after_the_lease_ran_out_is_still_acknowledged_and_not_sent_again()
    {
        var partner = new SlowPartner();
        var instance = Instance(partner);
        var order = (await PlaceOrdersAsync(instance.Services, 1))[0];
        // The call ignores cancellation and comes back after the lease: the partner has the event.
        partner.Takes[order] = DispatchOutbox.DefaultLease + TimeSpan.FromSeconds(5);
        var dispatcher = instance.Services.GetRequiredService<DispatchOutbox>();

        await dispatcher.RunOnceAsync(default);
        partner.Takes.Clear();
        shop.Clock.Advance(TimeSpan.FromMinutes(30));
        await DrainAsync(dispatcher);

        Assert.Equal(1, partner.Delivered.GetValueOrDefault(order));
        Assert.NotNull((await MessageOfAsync(order)).ProcessedAt);
    }

    [Fact]
    public async Task A_shorter_configured_lease_hands_a_stuck_batch_to_another_instance_sooner()
    {
        var partner = new SlowPartner();
        var first = Instance(partner, "00:00:30");
        var second = Instance(partner, "00:00:30");
        Assert.Equal(TimeSpan.FromSeconds(30), first.Services.GetRequiredService<DispatchOutbox>().Lease);
        var order = (await PlaceOrdersAsync(first.Services, 1))[0];
        var gate = partner.Gates[order] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = Task.Run(() => DrainAsync(first.Services.GetRequiredService<DispatchOutbox>()));
        await partner.Started.GetOrAdd(order, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30));

        // 31 s on: within the default lease nobody else could take it, within this one the second instance does.
        shop.Clock.Advance(TimeSpan.FromSeconds(31));
        await stuck.WaitAsync(TimeSpan.FromSeconds(30));
        partner.Gates.TryRemove(order, out _);
        shop.Clock.Advance(TimeSpan.FromSeconds(5));
        await DrainAsync(second.Services.GetRequiredService<DispatchOutbox>());
        gate.TrySetResult();

        Assert.Equal(1, partner.Delivered.GetValueOrDefault(order));
        Assert.NotNull((await MessageOfAsync(order)).ProcessedAt);
    }

    [Fact]
    public void A_lease_too_short_for_a_handler_is_raised_to_the_shortest_that_fits_one()
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Outbox:Lease"] = "00:00:05" }).Build();
        Assert.Equal(DispatchOutbox.HandlerBudget + TimeSpan.FromSeconds(5), DispatchOutbox.LeaseFrom(config));
        Assert.Equal(DispatchOutbox.DefaultLease, DispatchOutbox.LeaseFrom(new ConfigurationBuilder().Build()));
    }
}
