using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bazaar.Accounts.Pages;

/// <summary>Sign-out is a POST with the antiforgery token, so a link on another site cannot sign a shopper out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<ShopUser> signIns) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIns.SignOutAsync();
        return LocalRedirect("/");
    }
}
