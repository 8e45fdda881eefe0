using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

/// <summary>The second step of sign-in by code: the number (carried from the first step) and the code.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginCodeVerifyModel(SignInByCode codes, SignInManager<ShopUser> signIns, IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? PhoneNumber { get; set; }
        public string? Code { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public string ReturnUrl { get; private set; } = "/";

    // The number comes from the first step's form; a visit without it shows the link to that step.
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        var outcome = await codes.CheckAsync(new SignInWithCodeRequest(Input.PhoneNumber, Input.Code), ct);
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            if (outcome.Problem!.Status == Accounts.SignIn.Status423Locked && outcome.Problem.RetryAfter is { } until)
                ModelState.AddModelError(string.Empty, t["Too many failed sign-ins. Try again after {0}.", ChinaTime.DateAndTime(until.UtcDateTime)]);
            else
                t.Messages().Say(outcome.Problem).CopyTo(ModelState);
            return Page();
        }
        return await PageSignIn.CompleteAsync(HttpContext, signIns, outcome.Value!, Input.RememberMe, ReturnUrl);
    }

    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
