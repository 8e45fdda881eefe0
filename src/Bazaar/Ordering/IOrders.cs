using Bazaar.Platform;
using Bazaar.Platform.Web;

namespace Bazaar.Ordering;

/// <summary>What other modules may ask of Ordering: orders for units they hold (a flash sale's), and a customer's order.</summary>
[ModuleContract]
public interface IOrders
{
    /// <summary>
    /// Places an ordinary order for units the caller holds in Inventory, at the price the caller set,
    /// inside the caller's transaction (which it must have begun): the order, its line, its history and
    /// OrderPlaced, and the units passed from the hold to the order, saved together with whatever the
    /// caller has pending. The caller commits, or rolls back on a problem or an exception.
    /// </summary>
    Task<Result<OrderView>> PlaceFromHoldAsync(HeldStockOrder order, bool chinese, CancellationToken ct);

    /// <summary>One of the customer's orders; another customer's is not found.</summary>
    Task<OrderView?> FindAsync(Guid customerId, Guid orderId, bool chinese, CancellationToken ct);
}

/// <param name="OrderId">The new order's id, chosen by the caller so it can record it in the same transaction.</param>
/// <param name="HoldId">The Inventory hold the units come from.</param>
/// <param name="Reason">Why, for the stock history ("flash sale …").</param>
[ModuleContract]
public sealed record HeldStockOrder(Guid OrderId, Guid CustomerId, Guid AddressId, int ProductId, int Quantity,
    decimal UnitPrice, Guid HoldId, string Reason);
