using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bazaar.Accounts;

/// <summary>
/// Identity's UserManager with the lockout clock taken from the app's TimeProvider. Identity 10
/// reads DateTimeOffset.UtcNow itself (dotnet/aspnetcore#62796), so without this the lockout end
/// and the "try again in N minutes" the shop computes from TimeProvider can disagree, and tests
/// could only check the 15 minutes by sleeping through them.
/// </summary>
public sealed class ShopUserManager(IUserStore<ShopUser> store, IOptions<IdentityOptions> options,
    IPasswordHasher<ShopUser> passwordHasher, IEnumerable<IUserValidator<ShopUser>> userValidators,
    IEnumerable<IPasswordValidator<ShopUser>> passwordValidators, ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ShopUser>> logger,
    TimeProvider clock)
    : UserManager<ShopUser>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer,
        errors, services, logger)
{
    private IUserLockoutStore<ShopUser> LockoutStore =>
        Store as IUserLockoutStore<ShopUser> ?? throw new NotSupportedException("The user store does not support lockout.");

    public override async Task<bool> IsLockedOutAsync(ShopUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
            return false;
        return await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) >= clock.GetUtcNow();
    }

    // Same steps as the base method, with the lockout end measured on the app's clock.
    public override async Task<IdentityResult> AccessFailedAsync(ShopUser user)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
