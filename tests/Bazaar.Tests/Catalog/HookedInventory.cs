using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Bazaar.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// What a test does when an import stocks a batch of new products (once per batch of 1,000 rows,
/// inside the batch's transaction): hold it at a gate, move the clock as if it took time, or fail.
/// One per test, shared by the instances it gives it to, so calls are counted across runs.
/// </summary>
public sealed class Stocking(Func<int, IReadOnlyList<NewStock>, CancellationToken, Task>? before = null)
{
    private int _calls;

    /// <summary>The first SKU of every batch stocked, in order: which import ran when.</summary>
    public ConcurrentQueue<string> Batches { get; } = new();

    internal async Task BeforeAsync(IReadOnlyList<NewStock> rows, CancellationToken ct)
    {
        if (before is not null)
            await before(Interlocked.Increment(ref _calls), rows, ct);
        if (rows.Count > 0)
            Batches.Enqueue(rows[0].Sku);
    }

    /// <summary>Puts the hook around the instance's own IInventory (StockLevels); everything else goes straight through.</summary>
    public void Install(IServiceCollection services) =>
        services.AddScoped<IInventory>(sp => HookedInventory.Around(ActivatorUtilities.CreateInstance<StockLevels>(sp), this));
}

/// <summary>IInventory with <see cref="Stocking"/> in front of StockNewProductsAsync.</summary>
public class HookedInventory : DispatchProxy
{
    private IInventory _inner = null!;
    private Stocking _stocking = null!;

    public static IInventory Around(IInventory inner, Stocking stocking)
    {
        var proxy = Create<IInventory, HookedInventory>();
        var hooked = (HookedInventory)(object)proxy;
        (hooked._inner, hooked._stocking) = (inner, stocking);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args) =>
        method!.Name == nameof(IInventory.StockNewProductsAsync) ? StockAsync(method, args!) : Call(method, args);

    private async Task StockAsync(MethodInfo method, object?[] args)
    {
        await _stocking.BeforeAsync((IReadOnlyList<NewStock>)args[0]!, (CancellationToken)args[1]!);
        await (Task)Call(method, args)!;
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
