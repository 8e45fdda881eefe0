using Bazaar.Platform.Web;

namespace Bazaar.Accounts;

/// <summary>Sign-in by a texted code for apps: ask for a code, then trade the number and code for a bearer token.</summary>
public static class SignInCodeEndpoints
{
    public static void MapSignInCodeEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth/code").WithTags("Accounts").AllowAnonymous();

        auth.MapPost("/", async (SignInCodeRequest request, SignInByCode codes, CancellationToken ct) =>
        {
            var outcome = await codes.RequestAsync(request, ct);
            return outcome.Succeeded ? Results.Accepted(value: outcome.Value) : outcome.Problem!.ToHttpResult();
        }).RequireRateLimiting(RateLimits.SignInCodes)
          .WithSummary("Text a sign-in code to a phone number (the same answer whether or not it has an account)")
          .Produces<CodeSent>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/token", async (SignInWithCodeRequest request, SignInByCode codes, TokenSignIn tokens, CancellationToken ct) =>
        {
            var outcome = await codes.CheckAsync(request, ct);
            return outcome.Succeeded
                ? await tokens.IssueAsync(outcome.Value!, request.TwoFactorCode, request.RecoveryCode, ct)
                : outcome.Problem!.ToHttpResult();
        }).RequireRateLimiting(RateLimits.SignIn)
          .WithSummary("Exchange a phone number and the code texted to it for a bearer token")
          .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>().ProducesValidationProblem()
          .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
    }
}
