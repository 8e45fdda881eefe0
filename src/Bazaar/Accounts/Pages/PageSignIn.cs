using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Bazaar.Accounts.Pages;

/// <summary>
/// The end of a page sign-in once the first factor is proved (password or texted code): straight in,
/// or, for an account with an authenticator app, on to the second step with only Identity's short-lived
/// two-factor cookie (the account's id, 5 minutes) and no session yet.
/// </summary>
public static class PageSignIn
{
    public static async Task<IActionResult> CompleteAsync(HttpContext http, SignInManager<ShopUser> signIns, ShopUser user,
        bool rememberMe, string returnUrl)
    {
        if (user.TwoFactorEnabled)
        {
            var pending = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme);
            await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return new RedirectResult($"/account/login/two-factor?returnUrl={Uri.EscapeDataString(returnUrl)}&rememberMe={(rememberMe ? "true" : "false")}");
        }
        await signIns.SignInAsync(user, rememberMe);
        return new LocalRedirectResult(returnUrl);
    }
}
