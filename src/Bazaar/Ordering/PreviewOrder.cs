using Bazaar.Cart;
using Bazaar.Catalog;
using Bazaar.Inventory;
using Microsoft.Extensions.Options;

namespace Bazaar.Ordering;

public sealed record OrderPreview(IReadOnlyList<OrderLineView> Lines, decimal Subtotal, decimal ShippingFee, decimal Total,
    IReadOnlyList<string> Problems)
{
    public bool CanPlace => Lines.Count > 0 && Problems.Count == 0;
}

/// <summary>What checkout shows before the order is placed: the same prices and fees PlaceOrder will charge.</summary>
public sealed class PreviewOrder(ICart cart, ICatalog catalog, IInventory inventory, IOptions<OrderingOptions> options)
{
    public async Task<OrderPreview> HandleAsync(Guid customerId, IReadOnlyList<OrderItemRequest>? items, bool chinese, CancellationToken ct)
    {
        var wanted = items is null
            ? (await cart.ItemsAsync(customerId, ct)).Select(i => (i.ProductId, i.Quantity)).ToList()
            : items.Where(i => i.ProductId > 0 && i.Quantity > 0).Select(i => (i.ProductId!.Value, i.Quantity!.Value)).ToList();
        var ids = wanted.Select(w => w.Item1).ToList();
        var products = await catalog.FindAsync(ids, ct);
        var available = await inventory.GetAvailableAsync(ids, ct);
        var lines = new List<OrderLineView>();
        var problems = new List<string>();
        foreach (var (id, q) in wanted)
        {
            if (!products.TryGetValue(id, out var p) || !p.IsPublished)
            {
                problems.Add($"Product {id} is not for sale.");
                continue;
            }
            if (q > available.GetValueOrDefault(id))
                problems.Add($"{p.Name(chinese)}: only {available.GetValueOrDefault(id)} left.");
            lines.Add(new OrderLineView(id, p.Sku, p.Name(chinese), p.Price, q, p.Price * q));
        }
        var subtotal = lines.Sum(l => l.LineTotal);
        var fee = lines.Count == 0 ? 0m : options.Value.ShippingFor(subtotal);
        return new OrderPreview(lines, subtotal, fee, subtotal + fee, problems);
    }
}
