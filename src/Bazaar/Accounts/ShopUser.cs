using Bazaar.Platform;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>A person who can sign in: a customer or an operator. PhoneNumber is E.164 when set.</summary>
public sealed class ShopUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Role names; other modules use them to say who may call their endpoints.</summary>
[ModuleContract]
public static class Roles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
    public static readonly string[] All = [Customer, Admin];
}
