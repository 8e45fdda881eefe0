using System.Security.Claims;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

public static class AccountEndpoints
{
    public sealed record MeResponse(Guid Id, string UserName, string? PhoneNumber, string[] Roles, DateTimeOffset CreatedAt);

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts");

        accounts.MapPost("/register", async (RegisterCustomerRequest request, RegisterCustomer register, CancellationToken ct) =>
        {
            var outcome = await register.HandleAsync(request, ct);
            return outcome.Succeeded
                ? Results.Created("/api/v1/accounts/me", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).AllowAnonymous().RequireRateLimiting(Platform.Web.RateLimits.Registration).WithSummary("Open a customer account")
          .Produces<RegisteredCustomer>(StatusCodes.Status201Created).ProducesValidationProblem();

        accounts.MapPost("/token", async (SignInRequest request, SignIn signIn, TokenSignIn tokens, CancellationToken ct) =>
        {
            var outcome = await signIn.CheckAsync(request, ct);
            return outcome.Succeeded
                ? await tokens.IssueAsync(outcome.Value!, request.TwoFactorCode, request.RecoveryCode, ct)
                : outcome.Problem!.ToHttpResult();
        }).AllowAnonymous().RequireRateLimiting(Platform.Web.RateLimits.SignIn).WithSummary("Exchange a user name or phone number and password (and, with two-factor sign-in on, twoFactorCode or recoveryCode) for a bearer token")
          .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
          .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);

        var me = accounts.MapGroup("/me").RequireAuthorization();

        me.MapGet("/", async (ClaimsPrincipal principal, UserManager<ShopUser> users) =>
        {
            var user = await users.GetUserAsync(principal);
            if (user is null)
                return Results.Problem(statusCode: 401, title: "Not signed in.");
            var roles = (await users.GetRolesAsync(user)).ToArray();
            return Results.Ok(new MeResponse(user.Id, user.UserName!, user.PhoneNumber, roles, user.CreatedAt));
        }).WithSummary("The signed-in account").Produces<MeResponse>();

        var addresses = me.MapGroup("/addresses").WithTags("Addresses");

        addresses.MapGet("/", async (ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
            Results.Ok(await book.ListAsync(p.UserId(), ct))).Produces<List<AddressView>>();

        addresses.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
            await book.FindAsync(p.UserId(), id, ct) is { } a ? Results.Ok(a) : Problem.NotFound("Address").ToHttpResult())
            .Produces<AddressView>().ProducesProblem(404);

        addresses.MapPost("/", async (AddressRequest r, ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
        {
            var outcome = await book.SaveAsync(p.UserId(), null, r, ct);
            return outcome.Succeeded
                ? Results.Created($"/api/v1/accounts/me/addresses/{outcome.Value!.Id}", outcome.Value)
                : outcome.Problem!.ToHttpResult();
        }).Produces<AddressView>(201).ProducesValidationProblem();

        addresses.MapPut("/{id:guid}", async (Guid id, AddressRequest r, ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
        {
            var outcome = await book.SaveAsync(p.UserId(), id, r, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).Produces<AddressView>().ProducesValidationProblem().ProducesProblem(404);

        addresses.MapPost("/{id:guid}/default", async (Guid id, ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
        {
            var outcome = await book.SetDefaultAsync(p.UserId(), id, ct);
            return outcome.Succeeded ? Results.Ok(outcome.Value) : outcome.Problem!.ToHttpResult();
        }).Produces<AddressView>().ProducesProblem(404);

        addresses.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal p, AddressBook book, CancellationToken ct) =>
            await book.RemoveAsync(p.UserId(), id, ct) is { } problem ? problem.ToHttpResult() : Results.NoContent())
            .Produces(204).ProducesProblem(404);
    }
}
