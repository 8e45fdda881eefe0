using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Bazaar.Platform.Web.RateLimits.Registration)]
public sealed class RegisterModel(RegisterCustomer register, UserManager<ShopUser> users, SignInManager<ShopUser> signIns,
    IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? UserName { get; set; }
        public string? PhoneNumber { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await register.HandleAsync(new RegisterCustomerRequest(Input.UserName, Input.PhoneNumber, Input.Password), ct);
        if (!outcome.Succeeded)
        {
            ModelState.Clear();
            t.Messages().Say(outcome.Problem!).CopyTo(ModelState);
            return Page();
        }
        var user = await users.FindByIdAsync(outcome.Value!.Id.ToString());
        await signIns.SignInAsync(user!, isPersistent: true);
        TempData["Notice"] = t["Welcome to Bazaar! Your account is ready."].Value;
        return LocalRedirect("/account");
    }
}
