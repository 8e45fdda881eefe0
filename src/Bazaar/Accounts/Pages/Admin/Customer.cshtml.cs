using Bazaar.Admin;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class CustomerModel(FindCustomers find, LockCustomer lockCustomer, IStringLocalizer<BackOfficeText> t) : PageModel
{
    public CustomerRow Customer { get; private set; } = null!;

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken ct) => ChangeAsync(id, true, ct);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) => ChangeAsync(id, false, ct);

    private async Task<IActionResult> ChangeAsync(Guid id, bool locked, CancellationToken ct)
    {
        var outcome = await lockCustomer.HandleAsync(id, locked, Reason, User.UserId(), ct);
        if (outcome.Succeeded)
        {
            TempData["Notice"] = (locked ? t["The account is locked."] : t["The account is unlocked."]).Value;
            return RedirectToPage(new { id });
        }
        if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
            return NotFound();
        outcome.Problem.CopyTo(ModelState, t, "");
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await find.FindAsync(id, ct) is not { } row)
            return false;
        Customer = row;
        return true;
    }
}
