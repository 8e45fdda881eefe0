using Bazaar.Platform;

namespace Bazaar.Tests.ArchitectureSamples.Inventory;

// A make-believe Inventory module for ArchitectureTests to scan: a contract, and an entity that is
// Inventory's own business.

[ModuleContract]
public interface IStock
{
    Level Get(int productId);

    public sealed record Level(int OnHand);
}

public sealed class StockRow
{
    public int OnHand { get; set; }
}
