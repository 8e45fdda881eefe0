using Bazaar.Platform.Data;
using Bazaar.Platform.Web;

namespace Bazaar.Shipping;

internal sealed class ShopShipping(ShopDb db, BookShipment book) : IShipping
{
    public Task<Result<ShipmentView>> BookAsync(ShipmentRequest request, string by, CancellationToken ct) =>
        book.HandleAsync(request, by, ct);

    public Task<ShipmentView?> FindAsync(Guid orderId, CancellationToken ct) => FindShipment.ViewAsync(db, orderId, ct);
}
