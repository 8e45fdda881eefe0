using Bazaar.Payments;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Ordering;

/// <summary>
/// Opens the gateway's pay page for one of the customer's unpaid orders. The amount is the order's
/// total as stored, whatever the client might think it is.
/// </summary>
public sealed class PayOrder(ShopDb db, IPayments payments, TimeProvider clock)
{
    public async Task<Result<StartedPayment>> HandleAsync(Guid customerId, Guid orderId, Uri returnUrl, CancellationToken ct)
    {
        var order = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId && o.CustomerId == customerId)
            .Select(o => new { o.Id, o.Number, o.Status, o.Total, o.Currency, o.PaymentDueAt, Items = o.Lines.Count })
            .SingleOrDefaultAsync(ct);
        if (order is null)
            return Problem.NotFound("Order");
        if (order.Status != OrderStatus.PendingPayment)
            return Problem.Conflict(order.Status == OrderStatus.Cancelled
                ? "This order was cancelled; it can no longer be paid."
                : "This order is already paid.");
        if (order.PaymentDueAt <= clock.GetUtcNow().UtcDateTime)
            return Problem.Conflict("The time to pay this order has run out; it is being cancelled.");
        var subject = $"Bazaar {order.Number} ({order.Items} item{(order.Items == 1 ? "" : "s")})";
        return await payments.StartAsync(new PaymentRequest(order.Id, order.Number, customerId, order.Total, order.Currency, subject),
            returnUrl, ct);
    }
}
