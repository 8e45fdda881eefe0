using Bazaar.Accounts;
using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Web;

namespace Bazaar.Ordering;

/// <summary>
/// An order for units another module already holds (a flash sale's), at the price it decided. The
/// order is built exactly as PlaceOrder builds one, so it is paid, cancelled and expired like any
/// other; only its stock comes from the hold rather than from a fresh reservation. A cancelled or
/// expired order gives its units back to ordinary stock, not to the hold.
/// </summary>
internal sealed class PlaceOrderFromHold(ShopDb db, PlaceOrder place, ICatalog catalog, IInventory inventory,
    AddressBook addresses, IOutbox outbox)
{
    public async Task<Result<OrderView>> HandleAsync(HeldStockOrder r, bool chinese, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An order from a hold is placed inside its caller's transaction.");
        if (r.Quantity is < 1 or > Cart.ICart.MaxQuantity || r.UnitPrice <= 0)
            throw new ArgumentOutOfRangeException(nameof(r), "A held order has 1 or more units at a price above zero.");

        var address = await addresses.FindAsync(r.CustomerId, r.AddressId, ct);
        if (address is null)
            return Problem.Invalid(new FieldErrors().Add("addressId", "That address is not in your address book."));
        var products = await catalog.FindAsync([r.ProductId], ct);
        if (!products.TryGetValue(r.ProductId, out var product) || !product.IsPublished)
            return Problem.Conflict($"Product {r.ProductId} is not for sale any more.");

        // No Idempotency-Key on the order: the caller keeps its own (a flash sale's purchase row), so a key
        // once used for an ordinary order cannot collide with it.
        var order = place.Build(r.CustomerId, address, [(product with { Price = r.UnitPrice }, r.Quantity)], null, null, r.OrderId);
        db.Add(order);
        db.Add(new OrderStatusChange { OrderId = order.Id, To = OrderStatus.PendingPayment, At = order.PlacedAt, By = "customer", Reason = r.Reason });
        outbox.Raise(new OrderPlaced(order.Id, order.Number, r.CustomerId, order.Total, order.Currency, order.PlacedAt));
        // Saves the order with the caller's pending rows in one batch, once the units are the order's.
        if (!await inventory.PassHeldAsync(r.HoldId, order.Id, r.ProductId, r.Quantity, r.Reason, ct))
            return new Problem(StatusCodes.Status409Conflict, "Not enough stock.",
                $"Sold out: {product.Name(chinese)}. Nothing was reserved.");
        return OrderView.From(order, chinese);
    }
}
