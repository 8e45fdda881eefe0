using System.Security.Claims;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>
/// The second step of a sign-in for an account with an authenticator app: a code from the app, or
/// one of the recovery codes (each works once). A wrong code counts towards the lockout like a wrong
/// password. Both doors use it: the two-factor page and the token APIs.
/// </summary>
public sealed class SecondFactor(UserManager<ShopUser> users, SignIn signIn, IAuditLog audit)
{
    /// <summary>The claim a sign-in carries when the second factor was checked (RFC 8176's "mfa").</summary>
    public const string MethodClaim = "amr", MultiFactor = "mfa";

    public static readonly Claim[] Checked = [new(MethodClaim, MultiFactor)];

    public static bool WasChecked(ClaimsPrincipal principal) => principal.HasClaim(MethodClaim, MultiFactor);

    public const string CodeNeeded = "This account signs in with an authenticator app: send the app's current code as twoFactorCode, or a recovery code as recoveryCode.";

    public async Task<Result<bool>> CheckAsync(ShopUser user, string? authenticatorCode, string? recoveryCode, CancellationToken ct)
    {
        authenticatorCode = authenticatorCode?.Replace(" ", "").Replace("-", "").Trim();
        recoveryCode = recoveryCode?.Trim();
        if (string.IsNullOrEmpty(authenticatorCode) && string.IsNullOrEmpty(recoveryCode))
            return new Problem(StatusCodes.Status401Unauthorized, "Two-factor code needed.", CodeNeeded,
                new Dictionary<string, string[]> { ["twoFactorCode"] = ["Enter the code from your authenticator app."] })
            { Extensions = new Dictionary<string, object?> { ["twoFactorRequired"] = true } };
        if (authenticatorCode is { Length: > 10 } || recoveryCode is { Length: > 32 })
            return Problem.Invalid(new FieldErrors().Add(authenticatorCode is { Length: > 10 } ? "twoFactorCode" : "recoveryCode", "The code is too long."));

        var target = $"account {user.UserName}";
        if (await users.IsLockedOutAsync(user))
        {
            await audit.RecordNowAsync("account.sign-in-refused-locked", target, "second step while locked", ct, user.Id, user.UserName);
            return await signIn.LockedAsync(user);
        }
        var byRecovery = string.IsNullOrEmpty(authenticatorCode);
        var good = byRecovery
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode!)).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, authenticatorCode!);
        if (good)
        {
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordNowAsync("account.second-factor-checked", target, byRecovery ? "recovery code used" : "authenticator code",
                ct, user.Id, user.UserName);
            return true;
        }
        await users.AccessFailedAsync(user);
        await audit.RecordNowAsync("account.sign-in-failed", target, byRecovery ? "wrong recovery code" : "wrong authenticator code",
            ct, user.Id, user.UserName);
        if (await users.IsLockedOutAsync(user))
            return await signIn.LockedAsync(user);
        var field = byRecovery ? "recoveryCode" : "twoFactorCode";
        var message = byRecovery ? "The recovery code is not correct or was used already." : "The authenticator code is not correct.";
        return new Problem(StatusCodes.Status401Unauthorized, "Sign-in failed.", message, new Dictionary<string, string[]> { [field] = [message] });
    }
}
