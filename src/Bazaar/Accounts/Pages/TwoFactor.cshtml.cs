using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

/// <summary>
/// Enrol an authenticator app, see the recovery codes once, renew them or turn two-factor sign-in off.
/// An operator without it is sent here by the Admin policy (see <see cref="AdminNeedsSecondFactor"/>);
/// an enrolled operator whose session has not proved it (signed in before enrolling) proves it here.
/// </summary>
public sealed class TwoFactorModel(AuthenticatorApp app, UserManager<ShopUser> users, SignInManager<ShopUser> signIns,
    IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? Code { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public AuthenticatorView? View { get; private set; }
    public string? QrCode { get; private set; }
    public string[]? RecoveryCodes { get; private set; }
    public string ReturnUrl { get; private set; } = "/account";
    public bool MustEnrol { get; private set; }
    public bool MustProve { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl) => await ShowAsync(returnUrl);

    public async Task<IActionResult> OnPostConfirmAsync(string? returnUrl, CancellationToken ct)
    {
        var user = await UserAsync();
        var outcome = await app.ConfirmAsync(user, new AuthenticatorCodeRequest(Input.Code), ct);
        if (!outcome.Succeeded)
            return await ShowAsync(returnUrl, outcome.Problem);
        // The code just checked is the second factor: this session now carries it (the back office opens).
        await signIns.SignInWithClaimsAsync(user, isPersistent: false, SecondFactor.Checked);
        if (outcome.Value!.Length == 0)
            return LocalRedirect(SafeReturn(returnUrl));
        RecoveryCodes = outcome.Value;
        return await ShowAsync(returnUrl);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var outcome = await app.NewRecoveryCodesAsync(await UserAsync(), new AuthenticatorCodeRequest(Input.Code), ct);
        if (!outcome.Succeeded)
            return await ShowAsync(null, outcome.Problem);
        RecoveryCodes = outcome.Value;
        return await ShowAsync(null);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await UserAsync();
        var outcome = await app.DisableAsync(user, new AuthenticatorCodeRequest(Input.Code), ct);
        if (!outcome.Succeeded)
            return await ShowAsync(null, outcome.Problem);
        await signIns.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(string? returnUrl, Problem? problem = null)
    {
        ReturnUrl = SafeReturn(returnUrl);
        var user = await UserAsync();
        var stamp = user.SecurityStamp;
        View = await app.ViewAsync(user);
        // Making the key changes the security stamp (Identity does): re-issue this session's cookie with
        // the new one, or it would be signed out at its next check for no reason the customer could see.
        if (user.SecurityStamp != stamp)
            await signIns.RefreshSignInAsync(user);
        if (View.AuthenticatorUri is { } uri)
            QrCode = QrSvg.Of(uri);
        var isAdmin = User.IsInRole(Roles.Admin);
        MustEnrol = isAdmin && !View.Enabled;
        MustProve = View.Enabled && !SecondFactor.WasChecked(User) && RecoveryCodes is null;
        if (problem is not null)
        {
            ModelState.Clear();
            var said = t.Messages().Say(problem);
            // Every form here has one field: a code, whichever field name the handler gave it.
            if (said.Errors is { Count: > 0 })
                foreach (var message in said.Errors.Values.SelectMany(m => m))
                    ModelState.AddModelError("Input.Code", message);
            else
                ModelState.AddModelError(string.Empty, said.Detail ?? said.Title);
        }
        return Page();
    }

    private async Task<ShopUser> UserAsync() => await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in page without a user.");

    private string SafeReturn(string? url) => url is not null && Url.IsLocalUrl(url) ? url : "/account";
}
