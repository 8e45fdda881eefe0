using Bazaar.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Bazaar.Accounts.Pages;

/// <summary>What sign-in, registration and the address book may say to a shopper's page (see <see cref="HandlerMessages"/>).</summary>
public static class AccountMessages
{
    public static HandlerMessages Messages(this IStringLocalizer<AccountsText> t) => new([
        // Any form: a field left empty or too long, named by its label (FieldErrors.Required)
        t["{0} is required."],
        t["{0} must be at most {1} characters."],
        t["User name or phone number"],
        t["Password"],
        t["Recipient"],
        t["Province"],
        t["City"],
        t["District"],
        t["Street address"],
        // Signing in (SignIn)
        t["Sign-in failed."],
        t["The user name, phone number or password is not correct."],
        // Signing in with a texted code (SignInByCode)
        t["Code is required."],
        t["The code is 6 digits."],
        t["The code is not correct."],
        t["This code has expired. Ask for a new one."],
        t["Too many wrong codes. Ask for a new one."],
        t["Ask for a code first: the last one was used or none was sent."],
        t["Too many codes asked for."],
        t["One code a minute: wait for the text, or ask again in a minute."],
        t["At most {0} codes a day for one number. Try again tomorrow or sign in with your password."],
        // The authenticator app (SecondFactor, AuthenticatorApp)
        t["Two-factor code needed."],
        t["Enter the code from your authenticator app."],
        t["The code is too long."],
        t["The authenticator code is not correct."],
        t["The recovery code is not correct or was used already."],
        t["Enter the 6-digit code from your authenticator app."],
        t["Two-factor sign-in is not on for this account."],
        // Registering (RegisterCustomer, and Identity's password rules behind it)
        t["User name is required."],
        t["User name must be {0} to {1} characters."],
        t["User name may contain letters, digits, '_', '-' and '.' only."],
        t["User name cannot be only digits and '-': it would be mistaken for a phone number."],
        t["Password is required."],
        t["Password must be at least {0} characters."],
        t["Password must be at most {0} characters."],
        t["Passwords must use at least {0} different characters."],
        t["This user name is already taken."],
        t["This phone number already has an account."],
        // Phone numbers, on the register and address forms (PhoneNumbers)
        t["Phone number is required."],
        t["Phone number is too long."],
        t["Phone number is not a valid number."],
        t["Phone number must be a mainland China mobile number, or start with + and a country code."],
        // The address book (AddressBook)
        t["Postcode must be 6 digits."],
        t["An address book holds at most {0} addresses."],
    ]);
}
