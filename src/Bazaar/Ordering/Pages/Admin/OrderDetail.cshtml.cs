using Bazaar.Accounts;
using Bazaar.Admin;
using Bazaar.Payments;
using Bazaar.Platform.Web;
using Bazaar.Shipping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Ordering.Pages.Admin;

/// <summary>One order for the operator: its history, payment and parcel, and the moves its state allows.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OrderDetailModel(ViewOrders view, IPayments payments, IShipping shipping, ShipOrder ship, RefundOrder refund,
    CancelOrderForCustomer cancel, IStringLocalizer<BackOfficeText> t)
    : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public List<OrderStatusChange> History { get; private set; } = [];
    public PaymentSummary? Payment { get; private set; }
    public ShipmentView? Shipment { get; private set; }

    [BindProperty] public RefundForm Refund { get; set; } = new();
    [BindProperty] public string? CancelReason { get; set; }

    public sealed class RefundForm
    {
        public decimal? Amount { get; set; }
        public string? Reason { get; set; }
        public bool Restock { get; set; }
    }

    public bool CanShip => Order.Status == nameof(OrderStatus.Paid);
    public bool CanCancel => Order.Status == nameof(OrderStatus.PendingPayment);
    public bool CanRefund => Payment is { Status: "Succeeded" } p && p.Refunded < p.Amount
        && Order.Status is nameof(OrderStatus.Paid) or nameof(OrderStatus.Shipped) or nameof(OrderStatus.Delivered) or nameof(OrderStatus.Completed);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostShipAsync(Guid id, CancellationToken ct)
    {
        var outcome = await ship.HandleAsync(id, User.Actor(), ct);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = t["Shipped: tracking number {0}.", outcome.Value!.TrackingNumber ?? ""].Value;
            return RedirectToPage(new { id });
        }
        return await ShowProblemAsync(id, outcome.Problem!, "", ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var outcome = await cancel.HandleAsync(id, CancelReason, User.Actor(), ct);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = t["Order cancelled; its stock is back on the shelf."].Value;
            return RedirectToPage(new { id });
        }
        return await ShowProblemAsync(id, outcome.Problem!, "", ct);
    }

    public async Task<IActionResult> OnPostRefundAsync(Guid id, CancellationToken ct)
    {
        // An amount that is not a number binds as "none", which means "all that is left": refuse it instead.
        if (ModelState.GetFieldValidationState($"{nameof(Refund)}.{nameof(RefundForm.Amount)}") == ModelValidationState.Invalid)
        {
            ModelState.Remove($"{nameof(Refund)}.{nameof(RefundForm.Amount)}");
            ModelState.AddModelError($"{nameof(Refund)}.{nameof(RefundForm.Amount)}", t["The amount must be a number such as 12.50."]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        var outcome = await refund.HandleAsync(id, new RefundOrderRequest(Refund.Amount, Refund.Reason, Refund.Restock), User.Actor(), ct);
        if (outcome.Succeeded)
        {
            var r = outcome.Value!;
            var (amount, status) = (ShopCulture.Price(r.Refund.Amount), t.RefundStatus(r.Refund.Status));
            TempData["Notice"] = (r.UnitsReturned > 0
                ? t["Refunded {0} ({1}); {2} unit(s) back in stock.", amount, status, r.UnitsReturned]
                : t["Refunded {0} ({1}).", amount, status]).Value;
            return RedirectToPage(new { id });
        }
        return await ShowProblemAsync(id, outcome.Problem!, nameof(Refund), ct);
    }

    private async Task<IActionResult> ShowProblemAsync(Guid id, Problem problem, string prefix, CancellationToken ct)
    {
        if (problem.Status == StatusCodes.Status404NotFound)
            return NotFound();
        problem.CopyTo(ModelState, t, prefix);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await view.FindForOperatorAsync(id, ShopCulture.IsChinese, ct) is not { } order)
            return false;
        Order = order;
        History = await view.HistoryAsync(id, ct);
        Payment = await payments.FindForOrderAsync(id, ct);
        Shipment = await shipping.FindAsync(id, ct);
        return true;
    }
}
