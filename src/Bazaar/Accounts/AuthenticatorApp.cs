using System.Globalization;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>What the enrolment page and API show: the key only while it is not confirmed yet.</summary>
public sealed record AuthenticatorView(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft);

public sealed record AuthenticatorCodeRequest(string? Code);

/// <summary>
/// An account's authenticator app (TOTP, Identity's own provider): enrol by scanning the key and
/// confirming a first code, which turns two-factor sign-in on and gives 10 recovery codes shown once;
/// new recovery codes or turning it off need a current code. Every change is audited.
/// </summary>
public sealed class AuthenticatorApp(UserManager<ShopUser> users, SecondFactor second, IAuditLog audit)
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Bazaar";

    public async Task<AuthenticatorView> ViewAsync(ShopUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
            return new AuthenticatorView(true, null, null, await users.CountRecoveryCodesAsync(user));
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Issuer}&digits=6";
        return new AuthenticatorView(false, Grouped(key!), uri, 0);
    }

    /// <summary>
    /// The first code from the app turns two-factor sign-in on and returns the recovery codes (the only
    /// time they are shown). On an account already enrolled it only checks the code, for a session that
    /// must prove the second factor (an operator signed in before enrolling).
    /// </summary>
    public async Task<Result<string[]>> ConfirmAsync(ShopUser user, AuthenticatorCodeRequest request, CancellationToken ct)
    {
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var proved = await second.CheckAsync(user, request.Code, null, ct);
            return proved.Succeeded ? Array.Empty<string>() : proved.Problem!;
        }
        var code = Digits(request.Code);
        if (code is null)
            return Problem.Invalid(new FieldErrors().Add("code", "Enter the 6-digit code from your authenticator app."));
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            return Problem.Invalid(new FieldErrors().Add("code", "The authenticator code is not correct."));
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToArray();
        await audit.RecordNowAsync("account.two-factor-enabled", $"account {user.UserName}", null, ct, user.Id, user.UserName);
        return codes;
    }

    public async Task<Result<string[]>> NewRecoveryCodesAsync(ShopUser user, AuthenticatorCodeRequest request, CancellationToken ct)
    {
        if (await RefuseAsync(user, request, ct) is { } problem)
            return problem;
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToArray();
        await audit.RecordNowAsync("account.recovery-codes-renewed", $"account {user.UserName}", null, ct, user.Id, user.UserName);
        return codes;
    }

    /// <summary>Off, with a new key: enrolling again means scanning again, the old app's codes are dead.</summary>
    public async Task<Result<bool>> DisableAsync(ShopUser user, AuthenticatorCodeRequest request, CancellationToken ct)
    {
        if (await RefuseAsync(user, request, ct) is { } problem)
            return problem;
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await audit.RecordNowAsync("account.two-factor-disabled", $"account {user.UserName}", null, ct, user.Id, user.UserName);
        return true;
    }

    private async Task<Problem?> RefuseAsync(ShopUser user, AuthenticatorCodeRequest request, CancellationToken ct)
    {
        if (!await users.GetTwoFactorEnabledAsync(user))
            return Problem.Conflict("Two-factor sign-in is not on for this account.");
        var code = request.Code?.Trim() ?? "";
        // A current code from the app, or a recovery code for someone who lost the phone.
        var proved = Digits(code) is { } digits
            ? await second.CheckAsync(user, digits, null, ct)
            : await second.CheckAsync(user, null, code, ct);
        return proved.Succeeded ? null : proved.Problem;
    }

    private static string? Digits(string? code)
    {
        code = code?.Replace(" ", "").Replace("-", "").Trim();
        return code is { Length: 6 } && code.All(char.IsAsciiDigit) ? code : null;
    }

    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))))
            .ToLower(CultureInfo.InvariantCulture);
}
