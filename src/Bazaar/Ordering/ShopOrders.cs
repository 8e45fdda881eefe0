using Bazaar.Platform.Web;

namespace Bazaar.Ordering;

internal sealed class ShopOrders(PlaceOrderFromHold place, ViewOrders view) : IOrders
{
    public Task<Result<OrderView>> PlaceFromHoldAsync(HeldStockOrder order, bool chinese, CancellationToken ct) =>
        place.HandleAsync(order, chinese, ct);

    public Task<OrderView?> FindAsync(Guid customerId, Guid orderId, bool chinese, CancellationToken ct) =>
        view.FindAsync(customerId, orderId, chinese, ct);
}
