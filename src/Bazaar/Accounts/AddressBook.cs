using Bazaar.Platform;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

public sealed record AddressRequest(string? Recipient, string? Phone, string? Province, string? City,
    string? District, string? Street, string? Postcode, bool IsDefault = false);

[ModuleContract]
public sealed record AddressView(Guid Id, string Recipient, string Phone, string Province, string City,
    string District, string Street, string Postcode, bool IsDefault)
{
    public static AddressView From(Address a) =>
        new(a.Id, a.Recipient, a.Phone, a.Province, a.City, a.District, a.Street, a.Postcode, a.IsDefault);
}

/// <summary>
/// A customer's address book: at most 20 addresses, exactly one default once there is any.
/// Every call is scoped to the signed-in customer; another customer's address is simply not found.
/// </summary>
[ModuleContract]
public sealed class AddressBook(ShopDb db, TimeProvider clock)
{
    public static FieldErrors Validate(AddressRequest r, out string phone)
    {
        var errors = new FieldErrors();
        errors.Required("recipient", r.Recipient, "Recipient", 50);
        if (!PhoneNumbers.TryNormalise(r.Phone, out phone, out var phoneError))
            errors.Add("phone", phoneError);
        errors.Required("province", r.Province, "Province", 30);
        errors.Required("city", r.City, "City", 30);
        errors.Required("district", r.District, "District", 30);
        errors.Required("street", r.Street, "Street address", 200);
        if (string.IsNullOrWhiteSpace(r.Postcode) || r.Postcode.Trim().Length != 6 || !r.Postcode.Trim().All(char.IsAsciiDigit))
            errors.Add("postcode", "Postcode must be 6 digits.");
        return errors;
    }

    public async Task<List<AddressView>> ListAsync(Guid userId, CancellationToken ct) =>
        (await db.Set<Address>().AsNoTracking().Where(a => a.UserId == userId).ToListAsync(ct))
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).Select(AddressView.From).ToList();

    public async Task<AddressView?> FindAsync(Guid userId, Guid id, CancellationToken ct) =>
        await db.Set<Address>().AsNoTracking().Where(a => a.UserId == userId && a.Id == id)
            .Select(a => AddressView.From(a)).SingleOrDefaultAsync(ct);

    /// <summary>Adds an address (id null) or changes one the customer owns.</summary>
    public async Task<Result<AddressView>> SaveAsync(Guid userId, Guid? id, AddressRequest r, CancellationToken ct)
    {
        var errors = Validate(r, out var phone);
        if (errors.Any)
            return Problem.Invalid(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockBookAsync(userId, ct);
        var mine = db.Set<Address>().Where(a => a.UserId == userId);
        Address? address;
        if (id is null)
        {
            if (await mine.CountAsync(ct) >= Address.MaxPerCustomer)
                return Problem.Conflict($"An address book holds at most {Address.MaxPerCustomer} addresses.");
            address = new Address { Id = Guid.CreateVersion7(), UserId = userId, CreatedAt = clock.GetUtcNow() };
            db.Add(address);
        }
        else
        {
            address = await mine.SingleOrDefaultAsync(a => a.Id == id, ct);
            if (address is null)
                return Problem.NotFound("Address");
        }
        address.Recipient = r.Recipient!.Trim();
        address.Phone = phone;
        address.Province = r.Province!.Trim();
        address.City = r.City!.Trim();
        address.District = r.District!.Trim();
        address.Street = r.Street!.Trim();
        address.Postcode = r.Postcode!.Trim();

        var makeDefault = r.IsDefault || !await mine.AnyAsync(a => a.IsDefault && a.Id != address.Id, ct);
        if (makeDefault && !address.IsDefault)
        {
            await ClearDefaultAsync(userId, ct);
            address.IsDefault = true;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return AddressView.From(address);
    }

    public async Task<Result<AddressView>> SetDefaultAsync(Guid userId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockBookAsync(userId, ct);
        var address = await db.Set<Address>().SingleOrDefaultAsync(a => a.UserId == userId && a.Id == id, ct);
        if (address is null)
            return Problem.NotFound("Address");
        if (!address.IsDefault)
        {
            await ClearDefaultAsync(userId, ct);
            address.IsDefault = true;
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return AddressView.From(address);
    }

    /// <summary>Removes an address; if it was the default, the oldest remaining one takes its place.</summary>
    public async Task<Problem?> RemoveAsync(Guid userId, Guid id, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockBookAsync(userId, ct);
        var address = await db.Set<Address>().SingleOrDefaultAsync(a => a.UserId == userId && a.Id == id, ct);
        if (address is null)
            return Problem.NotFound("Address");
        db.Remove(address);
        await db.SaveChangesAsync(ct);
        if (address.IsDefault)
        {
            var next = (await db.Set<Address>().Where(a => a.UserId == userId).ToListAsync(ct))
                .OrderBy(a => a.CreatedAt).FirstOrDefault();
            if (next is not null)
            {
                next.IsDefault = true;
                await db.SaveChangesAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return null;
    }

    // Changes to one customer's book take turns: the default and the 20-address limit are read,
    // then written, and two requests interleaving on PostgreSQL would otherwise both pass the count or
    // both set a default (a unique-index violation, a 500). A no-op update locks the owner's row until
    // commit on either provider; other customers' books are not held up.
    private Task<int> LockBookAsync(Guid userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ConcurrencyStamp, u => u.ConcurrencyStamp), ct);

    // The partial unique index allows one default per customer, so the old one is cleared first.
    private Task<int> ClearDefaultAsync(Guid userId, CancellationToken ct) =>
        db.Set<Address>().Where(a => a.UserId == userId && a.IsDefault)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefault, false), ct);
}
