using Bazaar.Payments;
using Bazaar.Platform.Web;
using Bazaar.Shipping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Ordering.Pages;

/// <summary>One of the signed-in customer's orders; anyone else's id is the 404 page.</summary>
public sealed class OrderDetailModel(ViewOrders view, ChangeOrderStatus change, PayOrder pay, IPayments payments,
    IShipping shipping, IStringLocalizer<OrderingText> t) : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public List<OrderStatusChange> History { get; private set; } = [];
    public PaymentSummary? Payment { get; private set; }
    public ShipmentView? Shipment { get; private set; }

    /// <summary>Back from the gateway's pay page: the notification may still be on its way.</summary>
    public bool Returned { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery] int? paid, CancellationToken ct)
    {
        if (paid == 1 && await view.OwnsAsync(User.UserId(), id, ct))
        {
            // Ask the gateway at once rather than make the shopper wait for its notification.
            await payments.ConfirmAsync(id, ct);
            Returned = true;
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct)
    {
        var outcome = await pay.HandleAsync(User.UserId(), id, OrderFulfilmentEndpoints.ReturnUrl(Request, id), ct);
        if (outcome.Succeeded)
            return Redirect(outcome.Value!.PayUrl);
        if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
            return NotFound();
        var said = t.Messages().Say(outcome.Problem);
        ModelState.AddModelError(string.Empty, said.Detail ?? said.Title);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var outcome = await change.HandleAsync(id, OrderStatus.Cancelled, "customer", "cancelled by the customer", User.UserId(), ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            if (!await LoadAsync(id, ct))
                return NotFound();
            // Paid, or cancelled for lack of payment, while the page was open: the shopper needs the
            // order's state now, not the API's account of the transition.
            ModelState.AddModelError(string.Empty, t["This order can no longer be cancelled: it is {0}.", t.OrderStatus(Order.Status)]);
            return Page();
        }
        TempData["Notice"] = t["Order cancelled."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var order = await view.FindAsync(User.UserId(), id, ShopCulture.IsChinese, ct);
        if (order is null)
            return false;
        Order = order;
        History = await view.HistoryAsync(id, ct);
        Payment = await payments.FindForOrderAsync(id, ct);
        Shipment = await shipping.FindAsync(id, ct);
        return true;
    }
}
