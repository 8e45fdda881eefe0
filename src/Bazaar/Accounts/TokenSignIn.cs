using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>
/// The end of every token sign-in (password or texted code): the second factor when the account has
/// an authenticator app, then the bearer token, carrying amr=mfa when the second factor was checked.
/// </summary>
public sealed class TokenSignIn(SecondFactor second, SignInManager<ShopUser> signIns)
{
    public async Task<IResult> IssueAsync(ShopUser user, string? twoFactorCode, string? recoveryCode, CancellationToken ct)
    {
        var claims = Array.Empty<System.Security.Claims.Claim>();
        if (user.TwoFactorEnabled)
        {
            var proved = await second.CheckAsync(user, twoFactorCode, recoveryCode, ct);
            if (!proved.Succeeded)
                return Platform.Web.ProblemResults.ToHttpResult(proved.Problem!);
            claims = SecondFactor.Checked;
        }
        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken} itself.
        signIns.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIns.SignInWithClaimsAsync(user, isPersistent: false, claims);
        return Results.Empty;
    }
}
