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
/// A batch lives only as long as its lease: once another instance may take the messages over, this
/// one must not be working on them, or both would deliver the same message. So a message is begun
/// only while enough of the lease is left for a handler, a handler's token is cancelled when the
/// lease runs out, and what the batch did not get to is handed back at once.
/// </summary>
public sealed class DispatchOutbox(IServiceScopeFactory scopes, OutboxEventTypes types, TimeProvider clock,
    IConfiguration config, ILogger<DispatchOutbox> log) : BackgroundService
{
    public const int Batch = 50;
    /// <summary>
    /// How long a claimed batch is this instance's (`Outbox:Lease`). It is also how long a crashed
    /// instance's batch (or one it could not hand back while the database was away) waits before
    /// another instance takes it over, so a shorter lease drains faster after a fault.
    /// </summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);
    /// <summary>
    /// What must be left of the lease to begin a message: a handler that calls a partner (10 s timeout
    /// and a retry) fits in it, so a healthy handler is never cut short by the lease.
    /// </summary>
    public static readonly TimeSpan HandlerBudget = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
    /// <summary>The shortest lease that still leaves a handler its budget and some messages a batch.</summary>
    public static readonly TimeSpan ShortestLease = HandlerBudget + TimeSpan.FromSeconds(5);
    public TimeSpan Lease { get; } = LeaseFrom(config);
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
        var left = claimed.OrderBy(m => m.OccurredAt).ToList();
        try
        {
            while (left.Count > 0)
            {
                if (until - clock.GetUtcNow().UtcDateTime < HandlerBudget)
                {
                    log.LogWarning("An outbox batch ran out of lease; its remaining messages go back for the next pass.");
                    break;
                }
                await ProcessAsync(left[0], claim, until, ct);
                left.RemoveAt(0);
            }
        }
        finally
        {
            if (left.Count > 0)
                await HandBackAsync(claim, left.Select(m => m.Id).ToList());
        }
        return claimed.Count;
    }

    /// <summary>
    /// Unleases what a batch claimed and did not finish (out of lease, or the instance is stopping), so
    /// another pass or instance takes it now rather than when the lease would have run out.
    /// </summary>
    private async Task HandBackAsync(Guid claim, List<Guid> ids)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
            await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LockedBy == claim && m.ProcessedAt == null && m.LockedUntil != null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The database is out of reach: the lease running out hands the messages back instead.
            log.LogWarning(e, "Could not hand back an outbox batch; its lease will expire.");
        }
    }

    private async Task ProcessAsync(OutboxMessage message, Guid claim, DateTime until, CancellationToken ct)
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
                var left = until - clock.GetUtcNow().UtcDateTime;
                using var lease = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, clock);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Token);
                try
                {
                    await (Task)Deliver.MakeGenericMethod(type).Invoke(null, [scopes, @event, envelope, clock, either.Token])!;
                }
                catch (OperationCanceledException) when (lease.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    error = "The handler ran past the batch's lease.";
                }
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
            // Done is done, whoever holds the lease now: an acknowledgement that required our own claim
            // would be dropped when the lease ran out under a slow handler, and the message sent again.
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.ProcessedAt == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, now).SetProperty(m => m.LockedUntil, (DateTime?)null)
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

    /// <summary>Outbox:Lease, never shorter than <see cref="ShortestLease"/>: a handler must fit in it.</summary>
    public static TimeSpan LeaseFrom(IConfiguration config)
    {
        var lease = config.GetValue("Outbox:Lease", DefaultLease);
        return lease < ShortestLease ? ShortestLease : lease;
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
            // The handler's work is done: the lease running out must not keep us from writing that down.
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
