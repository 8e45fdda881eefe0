using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

public sealed class AddressEditModel(AddressBook book, IStringLocalizer<AccountsText> t) : PageModel
{
    public sealed class Form
    {
        public string? Recipient { get; set; }
        public string? Phone { get; set; }
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? Street { get; set; }
        public string? Postcode { get; set; }
        public bool IsDefault { get; set; }
    }

    [BindProperty] public Form Input { get; set; } = new();
    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        IsNew = id is null;
        if (id is null)
            return Page();
        var a = await book.FindAsync(User.UserId(), id.Value, ct);
        if (a is null)
            return NotFound();
        Input = new Form
        {
            Recipient = a.Recipient, Phone = a.Phone, Province = a.Province, City = a.City,
            District = a.District, Street = a.Street, Postcode = a.Postcode, IsDefault = a.IsDefault,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, string? returnUrl, CancellationToken ct)
    {
        IsNew = id is null;
        var request = new AddressRequest(Input.Recipient, Input.Phone, Input.Province, Input.City, Input.District,
            Input.Street, Input.Postcode, Input.IsDefault);
        var outcome = await book.SaveAsync(User.UserId(), id, request, ct);
        if (!outcome.Succeeded)
        {
            if (outcome.Problem!.Status == StatusCodes.Status404NotFound)
                return NotFound();
            ModelState.Clear();
            t.Messages().Say(outcome.Problem).CopyTo(ModelState);
            return Page();
        }
        TempData["Notice"] = t["Address saved."].Value;
        // Checkout sends shoppers here to add an address and expects them back.
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/account");
    }
}
