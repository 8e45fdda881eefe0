using System.Reflection;
using System.Text.Json;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Outbox;

/// <summary>
/// Delivers saved events to their handlers, at least once, on every instance at the same time
/// without stepping on each other: a batch is claimed with one conditional UPDATE that sets a lease
/// only on rows nobody holds (PostgreSQL re-checks that condition after waiting on a row another
/// instance is claiming), then each handler runs and is recorded as done. A failure is retried with
/// exponential backoff and jitter; a crashed instance's lease simply expires.
/// </summary>
public sealed class DispatchOutbox(IServiceScopeFactory scopes, OutboxEventTypes types, TimeProvider clock,
    IConfiguration config, ILogger<DispatchOutbox> log) : BackgroundService
{
    public const int Batch = 50;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    private static readonly MethodInfo Deliver = typeof(DispatchOutbox).GetMethod(nameof(DeliverAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // PeriodicTimer takes at most ~49 days; anything outside [10 ms, 7 days] is a typo, not a wish.
        var interval = config.GetValue("Outbox:PollInterval", TimeSpan.FromSeconds(1));
        interval = TimeSpan.FromTicks(Math.Clamp(interval.Ticks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromDays(7).Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) == Batch) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Dispatching the outbox failed; the next tick tries again.");
            }
        }
    }

    /// <summary>Claims one batch of due messages and delivers it; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claim = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + Lease;
        List<OutboxMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            var due = db.Set<OutboxMessage>()
                .Where(m => m.ProcessedAt == null && m.AvailableAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .OrderBy(m => m.OccurredAt).Select(m => m.Id).Take(Batch);
            await db.Set<OutboxMessage>()
                .Where(m => due.Contains(m.Id) && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedBy, claim).SetProperty(m => m.LockedUntil, until), ct);
            claimed = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.LockedBy == claim).ToListAsync(ct);
        }
        foreach (var message in claimed.OrderBy(m => m.OccurredAt))
            await ProcessAsync(message, claim, ct);
        return claimed.Count;
    }

    private async Task ProcessAsync(OutboxMessage message, Guid claim, CancellationToken ct)
    {
        string? error = null;
        var type = types.TypeOf(message.Type);
        if (type is null)
            error = $"Unknown event type {message.Type}.";
        else
        {
            try
            {
                var @event = JsonSerializer.Deserialize(message.Payload, type, JsonSerializerOptions.Web)!;
                var envelope = new OutboxEnvelope(message.Id, message.OccurredAt, message.Attempts + 1);
                await (Task)Deliver.MakeGenericMethod(type).Invoke(null, [scopes, @event, envelope, clock, ct])!;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
                log.LogWarning(e, "Event {Type} {Id} failed on attempt {Attempt}.", message.Type, message.Id, message.Attempts + 1);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LockedBy == claim);
        if (error is null)
        {
            await mine.ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LastError, (string?)null), ct);
            return;
        }
        var attempts = message.Attempts + 1;
        var next = now + Backoff(attempts);
        if (attempts >= 5)
            log.LogError("Event {Type} {Id} has failed {Attempts} times: {Error}", message.Type, message.Id, attempts, error);
        await mine.ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.AvailableAt, next)
            .SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LastError, error.Length > 2000 ? error[..2000] : error), ct);
    }

    /// <summary>1 s, 2 s, 4 s … up to 10 minutes, each stretched by up to a fifth at random so retries spread out.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts - 1, 20)));
        return TimeSpan.FromSeconds(seconds * (1 + Random.Shared.NextDouble() / 5));
    }

    private static async Task DeliverAsync<TEvent>(IServiceScopeFactory scopes, TEvent @event, OutboxEnvelope envelope,
        TimeProvider clock, CancellationToken ct) where TEvent : class
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var done = (await db.Set<OutboxDelivery>().AsNoTracking().Where(d => d.MessageId == envelope.MessageId)
            .Select(d => d.Handler).ToListAsync(ct)).ToHashSet();
        foreach (var handler in scope.ServiceProvider.GetServices<IEventHandler<TEvent>>())
        {
            var name = handler.GetType().FullName!;
            if (done.Contains(name))
                continue;
            await handler.HandleAsync(@event, envelope, ct);
            db.Add(new OutboxDelivery { MessageId = envelope.MessageId, Handler = name, DeliveredAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
    }
}
