using System.Collections.Concurrent;

namespace Bazaar.FlashSales;

/// <summary>
/// Opens a sale in Redis from the database when a buyer finds it not open (the first buyer, or Redis
/// lost its data mid-sale). The crowd that finds it closed at the same moment waits for one opening
/// per instance rather than each reading every buyer from the database.
/// </summary>
public sealed class OpenFlashSaleInRedis(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task>> _opening = new();

    public async Task OpenAsync(FlashSaleTerms sale)
    {
        var opening = _opening.GetOrAdd(sale.Id, _ => new Lazy<Task>(() => RunAsync(sale)));
        try
        {
            await opening.Value;
        }
        finally
        {
            _opening.TryRemove(KeyValuePair.Create(sale.Id, opening));
        }
    }

    // Not the first caller's token: its giving up must not fail everyone waiting on the same opening.
    private async Task RunAsync(FlashSaleTerms sale)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReconcileFlashStock>().OpenAsync(sale, CancellationToken.None);
    }
}
