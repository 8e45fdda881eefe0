using Bazaar.Platform.Audit;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

public sealed record SignInRequest(string? Login, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

/// <summary>
/// Checks a user name or phone number and a password, counting failures towards the lockout
/// (5 failures lock the account for 15 minutes). Both the sign-in page and the token API use it.
/// </summary>
public sealed class SignIn(UserManager<ShopUser> users, SignInManager<ShopUser> signIns, IAuditLog audit, TimeProvider clock,
    PhoneLookup phones)
{
    public const int Status423Locked = StatusCodes.Status423Locked;

    public async Task<ShopUser?> FindByLoginAsync(string login, CancellationToken ct)
    {
        login = login.Trim();
        if (PhoneNumbers.LooksLikePhone(login) && PhoneNumbers.TryNormalise(login, out var phone, out _))
            return await FindByPhoneAsync(phone, ct);
        return await users.FindByNameAsync(login);
    }

    /// <summary>The one place that looks an account up by its phone number (E.164): sign-in by password and by code.</summary>
    public async Task<ShopUser?> FindByPhoneAsync(string e164, CancellationToken ct) =>
        await phones.Where(users.Users, e164).SingleOrDefaultAsync(ct);

    public async Task<Result<ShopUser>> CheckAsync(SignInRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("login", request.Login, "User name or phone number", 64);
        errors.Required("password", request.Password, "Password", RegisterCustomer.MaxPassword);
        if (errors.Any)
            return Problem.Invalid(errors);

        var user = await FindByLoginAsync(request.Login!, ct);
        if (user is null)
        {
            // The login may be someone's phone number: the log keeps only enough to spot a pattern.
            await audit.RecordNowAsync("account.sign-in-failed", "unknown account", $"login {Masked(request.Login!)}", ct);
            return WrongCredentials;
        }

        var wasLocked = await users.IsLockedOutAsync(user);
        var outcome = await signIns.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);
        var target = $"account {user.UserName}";
        if (outcome.Succeeded)
        {
            await audit.RecordNowAsync("account.signed-in", target, null, ct, user.Id, user.UserName);
            return user;
        }
        if (outcome.IsLockedOut)
        {
            await audit.RecordNowAsync(wasLocked ? "account.sign-in-refused-locked" : "account.locked-out", target,
                wasLocked ? "tried while locked" : "too many failed sign-ins", ct, user.Id, user.UserName);
            return await LockedAsync(user);
        }
        await audit.RecordNowAsync("account.sign-in-failed", target, "wrong password", ct, user.Id, user.UserName);
        return WrongCredentials;
    }

    private static string Masked(string login)
    {
        login = login.Trim();
        return login.Length <= 3 ? "***" : login[..3] + new string('*', Math.Min(login.Length - 3, 8));
    }

    private static Problem WrongCredentials => new(StatusCodes.Status401Unauthorized,
        "Sign-in failed.", "The user name, phone number or password is not correct.");

    internal async Task<Problem> LockedAsync(ShopUser user)
    {
        var until = await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow();
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        return new Problem(Status423Locked, "Account locked.",
            $"Too many failed sign-ins. Try again in {minutes} minute(s), after {until:yyyy-MM-dd HH:mm} UTC.")
        { RetryAfter = until };
    }
}
