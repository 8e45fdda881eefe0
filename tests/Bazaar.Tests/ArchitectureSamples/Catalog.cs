using Bazaar.Tests.ArchitectureSamples.Inventory;

namespace Bazaar.Tests.ArchitectureSamples.Catalog;

// A make-believe Catalog module for ArchitectureTests: one type keeps to Inventory's contract, the
// others each reach past it in one of the ways that hide a use from a reader of the source.

public sealed class UsesTheContract(IStock stock)
{
    public int OnHand(int productId) => stock.Get(productId).OnHand;
}

public sealed class ReachesInThroughASignature
{
    public static int OnHand(StockRow row) => row.OnHand;
}

public sealed class ReachesInThroughALambda
{
    public static Func<object> Make() => () => new StockRow();
}

public sealed class ReachesInThroughAGenericArgument
{
    public static int Count(IEnumerable<object> rows) => rows.OfType<StockRow>().Count();
}

public sealed class ReachesInThroughAnAsyncMethod
{
    public static async Task<int> ReadAsync()
    {
        await Task.Yield();
        return new StockRow { OnHand = 1 }.OnHand;
    }
}

[Describes(typeof(StockRow))]
public sealed class ReachesInThroughAnAttribute;

public sealed class ReachesInThroughANestedType
{
    public static object Make() => Inner.Make();

    private static class Inner
    {
        public static object Make() => new StockRow();
    }
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class DescribesAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
