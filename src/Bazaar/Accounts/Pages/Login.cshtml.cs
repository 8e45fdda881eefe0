using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Bazaar.Platform.Web.RateLimits.SignIn)]
public sealed class LoginModel(SignIn signIn, SignInManager<ShopUser> signIns, IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? Login { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        var outcome = await signIn.CheckAsync(new SignInRequest(Input.Login, Input.Password), ct);
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            if (outcome.Problem!.RetryAfter is { } until)
                // Locked out: the time to come back in China time, as every time on the shop's pages.
                ModelState.AddModelError(string.Empty, t["Too many failed sign-ins. Try again after {0}.", ChinaTime.DateAndTime(until.UtcDateTime)]);
            else
                t.Messages().Say(outcome.Problem).CopyTo(ModelState);
            return Page();
        }
        return await PageSignIn.CompleteAsync(HttpContext, signIns, outcome.Value!, Input.RememberMe, ReturnUrl);
    }

    // Only paths on this site: a crafted returnUrl must not send a shopper to a look-alike shop.
    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
