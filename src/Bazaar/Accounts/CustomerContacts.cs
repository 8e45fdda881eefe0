using Bazaar.Platform;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Accounts;

/// <summary>How other modules reach a customer (the texts about their orders) without reading Accounts' tables.</summary>
[ModuleContract]
public interface ICustomerContacts
{
    /// <summary>The account's phone number in E.164, or null when the account has none or is gone.</summary>
    Task<string?> PhoneOfAsync(Guid customerId, CancellationToken ct);
}

internal sealed class CustomerContacts(ShopDb db) : ICustomerContacts
{
    public Task<string?> PhoneOfAsync(Guid customerId, CancellationToken ct) =>
        db.Set<ShopUser>().Where(u => u.Id == customerId).Select(u => u.PhoneNumber).SingleOrDefaultAsync(ct);
}
