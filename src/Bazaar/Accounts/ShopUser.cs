using Bazaar.Platform;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Accounts;

/// <summary>A person who can sign in: a customer or an operator. PhoneNumber is E.164 when set, encrypted at rest.</summary>
public sealed class ShopUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The blind index of PhoneNumber (which is stored encrypted): set on every save, never by hand.
    /// Sign-in, the uniqueness check and the back office find a phone number through it (<see cref="PhoneLookup"/>).
    /// </summary>
    public string? PhoneNumberIndex { get; set; }
}

/// <summary>Role names; other modules use them to say who may call their endpoints.</summary>
[ModuleContract]
public static class Roles
{
    public const string Customer = "Customer";
    public const string Admin = "Admin";
    public static readonly string[] All = [Customer, Admin];
}
