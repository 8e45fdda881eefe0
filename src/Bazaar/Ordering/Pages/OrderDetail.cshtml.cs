using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Ordering.Pages;

/// <summary>One of the signed-in customer's orders; anyone else's id is the 404 page.</summary>
public sealed class OrderDetailModel(ViewOrders view, ChangeOrderStatus change) : PageModel
{
    public OrderView Order { get; private set; } = null!;
    public List<OrderStatusChange> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var outcome = await change.HandleAsync(id, OrderStatus.Cancelled, "customer", "cancelled by the customer", User.UserId(), ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            ModelState.AddModelError(string.Empty, outcome.Problem.Detail ?? outcome.Problem.Title);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        TempData["Notice"] = ShopCulture.IsChinese ? "订单已取消，库存已释放。" : "Order cancelled.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var order = await view.FindAsync(User.UserId(), id, ShopCulture.IsChinese, ct);
        if (order is null)
            return false;
        Order = order;
        History = await view.HistoryAsync(id, ct);
        return true;
    }
}
