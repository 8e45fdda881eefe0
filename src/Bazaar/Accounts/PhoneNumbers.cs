using PhoneNumbers;

namespace Bazaar.Accounts;

/// <summary>
/// Phone numbers as the shop stores them: E.164. A number without a country code is read as a
/// mainland China number and must be a mobile one (an SMS has to reach it); a number given in
/// international form (+44…) is accepted when it is valid for its country.
/// </summary>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    public const string DefaultRegion = "CN";

    public static bool TryNormalise(string? input, out string e164, out string error)
    {
        e164 = "";
        error = "";
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "Phone number is required.";
            return false;
        }
        if (input.Length > 32)
        {
            error = "Phone number is too long.";
            return false;
        }
        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(input.Trim(), DefaultRegion);
        }
        catch (NumberParseException)
        {
            error = "Phone number is not a valid number.";
            return false;
        }
        if (!Util.IsValidNumber(parsed))
        {
            error = "Phone number is not a valid number.";
            return false;
        }
        var international = input.TrimStart().StartsWith('+') || input.TrimStart().StartsWith("00");
        var type = Util.GetNumberType(parsed);
        if (!international && type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            error = "Phone number must be a mainland China mobile number, or start with + and a country code.";
            return false;
        }
        e164 = Util.Format(parsed, PhoneNumberFormat.E164);
        return true;
    }

    /// <summary>True when the text looks like a phone number rather than a user name.</summary>
    public static bool LooksLikePhone(string login) =>
        login.Length > 0 && login.All(c => char.IsDigit(c) || c is '+' or ' ' or '-' or '(' or ')');
}
