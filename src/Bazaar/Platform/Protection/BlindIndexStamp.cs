using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bazaar.Platform.Protection;

/// <summary>
/// Sets every blind index from its source as a change is saved, so no handler (nor Identity's own
/// UserManager.SetPhoneNumberAsync) can store a phone number whose index is stale or missing.
/// </summary>
public sealed class BlindIndexStamp(BlindIndex index) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData data, InterceptionResult<int> result)
    {
        Stamp(data.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result,
        CancellationToken ct = default)
    {
        Stamp(data.Context);
        return ValueTask.FromResult(result);
    }

    private static readonly ConcurrentDictionary<IEntityType, (string Index, string Source)[]> Indexes = new();

    private static (string, string)[] Find(IEntityType type) =>
        type.GetProperties().Where(p => p.BlindIndexSource() is not null).Select(p => (p.Name, p.BlindIndexSource()!)).ToArray();

    private void Stamp(DbContext? context)
    {
        if (context is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        foreach (var (indexed, source) in Indexes.GetOrAdd(entry.Metadata, Find))
        {
            var property = entry.Property(indexed);
            var value = (string?)entry.Property(source).CurrentValue;
            var wanted = string.IsNullOrEmpty(value) ? null : index.Of(value);
            if (!Equals(property.CurrentValue, wanted))
                property.CurrentValue = wanted;
        }
    }
}
