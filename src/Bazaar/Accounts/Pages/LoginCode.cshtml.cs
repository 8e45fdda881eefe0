using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

/// <summary>The first step of sign-in by code: the phone number. The code is entered on /account/login/code/verify.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignInCodes)]
public sealed class LoginCodeModel(SignInByCode codes, IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? PhoneNumber { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public string ReturnUrl { get; private set; } = "/";
    public bool Sent { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = SafeReturn(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = SafeReturn(returnUrl);
        var outcome = await codes.RequestAsync(new SignInCodeRequest(Input.PhoneNumber), ct);
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            if (outcome.Problem!.Status == StatusCodes.Status429TooManyRequests && outcome.Problem.RetryAfter is { } until)
                ModelState.AddModelError("Input.PhoneNumber", t["Too many codes for this number. Ask again after {0}.", ChinaTime.DateAndTime(until.UtcDateTime)]);
            else
                t.Messages().Say(outcome.Problem).CopyTo(ModelState);
            return Page();
        }
        Sent = true;
        return Page();
    }

    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/";
}
