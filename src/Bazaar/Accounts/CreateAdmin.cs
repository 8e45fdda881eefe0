using System.Security.Cryptography;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

public sealed record CreatedAdmin(string UserName, string? GeneratedPassword, bool AlreadyExisted);

/// <summary>Creates an operator account in the Admin role; used at first start and by `bazaar create-admin`.</summary>
public sealed class CreateAdmin(UserManager<ShopUser> users, RoleManager<Microsoft.AspNetCore.Identity.IdentityRole<Guid>> roles,
    TimeProvider clock, Bazaar.Platform.Audit.IAuditLog audit)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
    }

    /// <summary>
    /// Creates the account unless it exists. With no password given, a random one is generated and
    /// returned so the caller can show it once; it is stored only as a hash.
    /// </summary>
    public async Task<Result<CreatedAdmin>> HandleAsync(string userName, string? password)
    {
        await EnsureRolesAsync();
        var existing = await users.FindByNameAsync(userName);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin))
            {
                await users.AddToRoleAsync(existing, Roles.Admin);
                // A role change is a security event: the log says who became an operator, and from where.
                await audit.RecordNowAsync("account.role-granted", $"account {userName}", Roles.Admin, default);
            }
            return new CreatedAdmin(userName, null, AlreadyExisted: true);
        }

        if (string.IsNullOrEmpty(password))
            password = null;
        var generated = password is null ? GeneratePassword() : null;
        var user = new ShopUser { Id = Guid.CreateVersion7(), UserName = userName, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password ?? generated!);
        if (!created.Succeeded)
            return Problem.Invalid(IdentityErrors.ToFieldErrors(created, new FieldErrors()));
        await users.AddToRoleAsync(user, Roles.Admin);
        await audit.RecordNowAsync("account.role-granted", $"account {userName}", $"{Roles.Admin} (new account)", default);
        return new CreatedAdmin(userName, generated, AlreadyExisted: false);
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
