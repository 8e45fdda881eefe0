using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

public sealed class ProfileModel(UserManager<ShopUser> users, AddressBook book, IStringLocalizer<AccountsText> t) : PageModel
{
    public new ShopUser? User { get; private set; }
    public IList<string> Roles { get; private set; } = [];
    public List<AddressView> Addresses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        User = await users.GetUserAsync(base.User);
        if (User is null)
            return Challenge();
        Roles = await users.GetRolesAsync(User);
        Addresses = await book.ListAsync(User.Id, ct);
        return Page();
    }

    public string RoleName(string role) => role switch
    {
        Accounts.Roles.Customer => t["Customer"],
        Accounts.Roles.Admin => t["Administrator"],
        _ => role,
    };

    public async Task<IActionResult> OnPostDefaultAsync(Guid id, CancellationToken ct)
    {
        await book.SetDefaultAsync(base.User.UserId(), id, ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        await book.RemoveAsync(base.User.UserId(), id, ct);
        TempData["Notice"] = t["Address removed."].Value;
        return RedirectToPage();
    }
}
