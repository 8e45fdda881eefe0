using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Bazaar.Accounts;

/// <summary>
/// Every door that asks for the Admin role (a page's [Authorize(Roles = Admin)], an endpoint's
/// RequireRole(Admin)) also asks that the sign-in proved a second factor (amr=mfa). It rides on the role
/// requirement itself, so a new back-office door cannot forget it. Off only with
/// Accounts:RequireAdminTwoFactor=false, for a developer's machine.
/// </summary>
public sealed class AdminNeedsSecondFactor(IConfiguration config) : AuthorizationHandler<RolesAuthorizationRequirement>
{
    public const string Reason = "second-factor-required";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RolesAuthorizationRequirement requirement)
    {
        if (requirement.AllowedRoles.Contains(Roles.Admin) && context.User.IsInRole(Roles.Admin)
            && !SecondFactor.WasChecked(context.User) && config.GetValue("Accounts:RequireAdminTwoFactor", true))
            context.Fail(new AuthorizationFailureReason(this, Reason));
        return Task.CompletedTask;
    }

    public static bool IsWhy(PolicyAuthorizationResult result) =>
        result.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is AdminNeedsSecondFactor) == true;
}

/// <summary>
/// What an operator without the second factor meets instead of a bare 403: the API says how to enrol,
/// a page sends them to the enrolment page and back.
/// </summary>
public sealed class SecondFactorRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public const string Detail = "Operators must sign in with an authenticator app. Enrol on the web at /account/two-factor "
        + "(or POST /api/v1/accounts/me/two-factor), then ask for a token with twoFactorCode.";

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || !AdminNeedsSecondFactor.IsWhy(result))
        {
            await _default.HandleAsync(next, http, policy, result);
            return;
        }
        if (WebModule.IsApi(http))
        {
            await new Problem(StatusCodes.Status403Forbidden, "Two-factor sign-in required.", Detail)
                { Extensions = new Dictionary<string, object?> { ["enrol"] = "/account/two-factor" } }
                .ToHttpResult().ExecuteAsync(http);
            return;
        }
        http.Response.Redirect("/account/two-factor?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString));
    }
}
