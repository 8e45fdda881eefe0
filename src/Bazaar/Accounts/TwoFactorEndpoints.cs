using System.Security.Claims;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>The authenticator app over the API, for apps and for the shop's own scripts (an operator enrolling from a terminal).</summary>
public static class TwoFactorEndpoints
{
    public sealed record RecoveryCodes(string[] Codes);

    public static void MapTwoFactorEndpoints(this IEndpointRouteBuilder app)
    {
        var twoFactor = app.MapGroup("/api/v1/accounts/me/two-factor").WithTags("Accounts").RequireAuthorization();

        twoFactor.MapGet("/", async (ClaimsPrincipal p, UserManager<ShopUser> users, AuthenticatorApp authenticator) =>
            await users.GetUserAsync(p) is { } user ? Results.Ok(await authenticator.ViewAsync(user)) : NotSignedIn())
            .WithSummary("Two-factor status; before enrolment, the key to put in an authenticator app (made on first ask)")
            .Produces<AuthenticatorView>();

        twoFactor.MapPost("/", async (AuthenticatorCodeRequest request, ClaimsPrincipal p, UserManager<ShopUser> users,
            AuthenticatorApp authenticator, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(p) is not { } user)
                return NotSignedIn();
            var outcome = await authenticator.ConfirmAsync(user, request, ct);
            return outcome.Succeeded ? Results.Ok(new RecoveryCodes(outcome.Value!)) : outcome.Problem!.ToHttpResult();
        }).RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Confirm the app with its first code: two-factor sign-in turns on; the 10 recovery codes are in the answer, once")
          .Produces<RecoveryCodes>().ProducesValidationProblem();

        twoFactor.MapPost("/recovery-codes", async (AuthenticatorCodeRequest request, ClaimsPrincipal p, UserManager<ShopUser> users,
            AuthenticatorApp authenticator, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(p) is not { } user)
                return NotSignedIn();
            var outcome = await authenticator.NewRecoveryCodesAsync(user, request, ct);
            return outcome.Succeeded ? Results.Ok(new RecoveryCodes(outcome.Value!)) : outcome.Problem!.ToHttpResult();
        }).RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("New recovery codes (the old ones stop working), with a current code").Produces<RecoveryCodes>();

        twoFactor.MapPost("/disable", async (AuthenticatorCodeRequest request, ClaimsPrincipal p, UserManager<ShopUser> users,
            AuthenticatorApp authenticator, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(p) is not { } user)
                return NotSignedIn();
            var outcome = await authenticator.DisableAsync(user, request, ct);
            return outcome.Succeeded ? Results.NoContent() : outcome.Problem!.ToHttpResult();
        }).RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Turn two-factor sign-in off (and forget the key), with a current code or a recovery code").Produces(204);
    }

    private static IResult NotSignedIn() => Results.Problem(statusCode: 401, title: "Not signed in.");
}
