using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Bazaar.Shipping;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// An operator ships a paid order: the parcel is booked with the carrier, then the order moves to
/// Shipped together with its OrderShipped event. Booking is idempotent per order, so pressing
/// "ship" again after a failure or a race finishes the same parcel instead of booking another.
/// </summary>
public sealed class ShipOrder(ShopDb db, IShipping shipping, ChangeOrderStatus change, IAuditLog audit, TimeProvider clock)
{
    public async Task<Result<ShipmentView>> HandleAsync(Guid orderId, string by, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null)
            return Problem.NotFound("Order");
        if (order.Status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Completed
            && await shipping.FindAsync(orderId, ct) is { } already)
            return already;
        if (order.Status != OrderStatus.Paid)
            return Problem.Conflict($"An order that is {order.Status} cannot be shipped; only a paid order can.");

        var address = string.Join(' ', new[] { order.Province, order.City, order.District, order.Street, order.Postcode }
            .Where(p => !string.IsNullOrWhiteSpace(p)));
        var booked = await shipping.BookAsync(new ShipmentRequest(order.Id, order.Number, order.Recipient, order.Phone, address), by, ct);
        if (!booked.Succeeded)
            return booked.Problem!;
        var shipment = booked.Value!;
        var shipped = new OrderShipped(order.Id, order.Number, order.CustomerId, shipment.Carrier, shipment.TrackingNumber!,
            clock.GetUtcNow().UtcDateTime);
        var moved = await change.HandleAsync(orderId, OrderStatus.Shipped, by, $"tracking {shipment.TrackingNumber}", null, ct, shipped);
        if (!moved.Succeeded)
            return moved.Problem!;
        await audit.RecordNowAsync("order.shipped", $"order {order.Number}", $"{shipment.Carrier} {shipment.TrackingNumber}", ct);
        return shipment;
    }
}
