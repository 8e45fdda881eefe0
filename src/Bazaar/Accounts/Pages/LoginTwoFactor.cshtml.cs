using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

/// <summary>The second step of a sign-in for an account with an authenticator app (see <see cref="PageSignIn"/>).</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginTwoFactorModel(SecondFactor second, UserManager<ShopUser> users, SignInManager<ShopUser> signIns,
    IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? TwoFactorCode { get; set; }
        public string? RecoveryCode { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public string ReturnUrl { get; private set; } = "/";

    public bool Pending { get; private set; } = true;

    public async Task OnGetAsync(string? returnUrl, bool rememberMe)
    {
        ReturnUrl = SafeReturn(returnUrl);
        Input.RememberMe = rememberMe;
        // Without the first step's cookie (expired after 5 minutes, or never signed in) there is no one to check.
        Pending = await PendingAsync() is not null;
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        if (await PendingAsync() is not { } user)
            return Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(ReturnUrl));
        var outcome = await second.CheckAsync(user, Input.TwoFactorCode, Input.RecoveryCode, ct);
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            if (outcome.Problem!.Status == Accounts.SignIn.Status423Locked && outcome.Problem.RetryAfter is { } until)
                ModelState.AddModelError(string.Empty, t["Too many failed sign-ins. Try again after {0}.", ChinaTime.DateAndTime(until.UtcDateTime)]);
            else
                t.Messages().Say(outcome.Problem).CopyTo(ModelState);
            return Page();
        }
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIns.SignInWithClaimsAsync(user, Input.RememberMe, SecondFactor.Checked);
        return LocalRedirect(ReturnUrl);
    }

    private async Task<ShopUser?> PendingAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.Identity?.Name is { } id ? await users.FindByIdAsync(id) : null;
    }

    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
