using Bazaar.Platform.Audit;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>
/// An operator locks an account (it can no longer sign in, and its sessions end at their next
/// check because the security stamp changes) or unlocks it (failed sign-ins forgotten). Both are
/// audited with who did it and why.
/// </summary>
public sealed class LockCustomer(UserManager<ShopUser> users, IAuditLog audit)
{
    public async Task<Result<bool>> HandleAsync(Guid accountId, bool locked, string? reason, Guid operatorId, CancellationToken ct)
    {
        reason = reason?.Trim();
        if (reason is { Length: > 500 })
            return Problem.Invalid(new FieldErrors().Add("reason", "The reason can be at most 500 characters."));
        var user = await users.FindByIdAsync(accountId.ToString());
        if (user is null)
            return Problem.NotFound("Account");
        if (locked && accountId == operatorId)
            return Problem.Conflict("You cannot lock your own account.");

        if (locked)
        {
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        await audit.RecordNowAsync(locked ? "account.locked" : "account.unlocked", $"account {user.UserName}", reason, ct);
        return locked;
    }
}
