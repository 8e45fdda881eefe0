using System.Text.Json;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Outbox;

/// <summary>Raise an event as part of the caller's unit of work: it is saved with the caller's SaveChanges.</summary>
public interface IOutbox
{
    void Raise<TEvent>(TEvent @event) where TEvent : class;
}

/// <summary>Handles one kind of event. Called at least once per event, so it must be idempotent.</summary>
public interface IEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent @event, OutboxEnvelope envelope, CancellationToken ct);
}

/// <summary>What a handler knows of the message besides the event: its id (a natural idempotency key) and when it happened.</summary>
public sealed record OutboxEnvelope(Guid MessageId, DateTime OccurredAt, int Attempt);

internal sealed class Outbox(ShopDb db, TimeProvider clock, OutboxEventTypes types) : IOutbox
{
    public void Raise<TEvent>(TEvent @event) where TEvent : class
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Type = types.NameOf(@event.GetType()),
            Payload = JsonSerializer.Serialize(@event, @event.GetType(), JsonSerializerOptions.Web),
            OccurredAt = now,
            AvailableAt = now,
        });
    }
}

/// <summary>Event type names stored in the table, so renaming a CLR namespace does not orphan messages.</summary>
public sealed class OutboxEventTypes
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public OutboxEventTypes(IEnumerable<OutboxEventType> registrations)
    {
        foreach (var r in registrations)
            _byName[r.Name] = r.Type;
    }

    public string NameOf(Type type) =>
        _byName.FirstOrDefault(e => e.Value == type).Key
        ?? throw new InvalidOperationException($"{type.Name} is not a registered outbox event: call AddOutboxEvent<{type.Name}>().");

    public Type? TypeOf(string name) => _byName.GetValueOrDefault(name);
}

public sealed record OutboxEventType(string Name, Type Type);
