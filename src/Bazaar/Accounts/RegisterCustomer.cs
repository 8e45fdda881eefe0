using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

public sealed record RegisterCustomerRequest(string? UserName, string? PhoneNumber, string? Password);

public sealed record RegisteredCustomer(Guid Id, string UserName, string PhoneNumber);

/// <summary>A shopper opens an account with a user name, a phone number and a password.</summary>
public sealed class RegisterCustomer(UserManager<ShopUser> users, ShopDb db, TimeProvider clock, PhoneLookup phones)
{
    public const int MinUserName = 3, MaxUserName = 32, MinPassword = 8, MaxPassword = 128;

    public static FieldErrors Validate(RegisterCustomerRequest r, out string phone)
    {
        var errors = new FieldErrors();
        var name = r.UserName?.Trim();
        if (string.IsNullOrEmpty(name))
            errors.Add("userName", "User name is required.");
        else if (name.Length is < MinUserName or > MaxUserName)
            errors.Add("userName", $"User name must be {MinUserName} to {MaxUserName} characters.");
        else if (!name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.'))
            errors.Add("userName", "User name may contain letters, digits, '_', '-' and '.' only.");
        else if (PhoneNumbers.LooksLikePhone(name)) // "138-0013-8000" too: SignIn reads it as a phone number
            errors.Add("userName", "User name cannot be only digits and '-': it would be mistaken for a phone number.");

        if (!PhoneNumbers.TryNormalise(r.PhoneNumber, out phone, out var phoneError))
            errors.Add("phoneNumber", phoneError);

        if (string.IsNullOrEmpty(r.Password))
            errors.Add("password", "Password is required.");
        else if (r.Password.Length < MinPassword) // checked here too, so it is reported together with the other fields
            errors.Add("password", $"Password must be at least {MinPassword} characters.");
        else if (r.Password.Length > MaxPassword)
            errors.Add("password", $"Password must be at most {MaxPassword} characters.");
        return errors;
    }

    public async Task<Result<RegisteredCustomer>> HandleAsync(RegisterCustomerRequest request, CancellationToken ct)
    {
        var errors = Validate(request, out var phone);
        if (errors.Any)
            return Problem.Invalid(errors);

        var userName = request.UserName!.Trim();
        if (await users.FindByNameAsync(userName) is not null)
            return Problem.Invalid(errors.Add("userName", "This user name is already taken."));
        if (await phones.Where(users.Users, phone).AnyAsync(ct))
            return Problem.Invalid(errors.Add("phoneNumber", "This phone number already has an account."));

        var user = new ShopUser
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            PhoneNumber = phone,
            CreatedAt = clock.GetUtcNow(),
        };
        // The account and its Customer role are one change: never a user who can sign in with no role.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, request.Password!);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            // Two sign-ups with the same name or phone at the same moment: a unique index decides,
            // and the refused one is told which of the two was taken.
            return await users.FindByNameAsync(userName) is { } winner && winner.Id != user.Id
                ? Problem.Invalid(errors.Add("userName", "This user name is already taken."))
                : Problem.Invalid(errors.Add("phoneNumber", "This phone number already has an account."));
        }
        if (!created.Succeeded)
            return Problem.Invalid(IdentityErrors.ToFieldErrors(created, errors));
        var role = await users.AddToRoleAsync(user, Roles.Customer);
        if (!role.Succeeded)
            throw new InvalidOperationException($"The {Roles.Customer} role could not be given: {role.Errors.First().Description}");
        await tx.CommitAsync(ct);
        return new RegisteredCustomer(user.Id, userName, phone);
    }
}
