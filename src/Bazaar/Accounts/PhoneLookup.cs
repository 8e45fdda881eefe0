using Bazaar.Platform.Protection;

namespace Bazaar.Accounts;

/// <summary>
/// The one way to find accounts by phone number. Numbers are encrypted at rest, so SQL cannot
/// compare them; each account carries the blind index of its E.164 number and a look-up compares
/// that. Only a whole number can be found: a part of one has no index.
/// </summary>
public sealed class PhoneLookup(BlindIndex index)
{
    /// <param name="e164">A number already normalised (<see cref="PhoneNumbers.TryNormalise"/>).</param>
    public IQueryable<ShopUser> Where(IQueryable<ShopUser> users, string e164)
    {
        var wanted = index.Of(e164);
        return users.Where(u => u.PhoneNumberIndex == wanted);
    }

    /// <summary>Which of these E.164 numbers already have an account.</summary>
    public async Task<HashSet<string>> TakenAsync(IQueryable<ShopUser> users, IEnumerable<string> e164s, CancellationToken ct)
    {
        var byIndex = e164s.Distinct().ToDictionary(index.Of);
        var keys = byIndex.Keys.ToList();
        var taken = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            users.Where(u => keys.Contains(u.PhoneNumberIndex!)).Select(u => u.PhoneNumberIndex!), ct);
        return taken.Select(t => byIndex[t]).ToHashSet();
    }
}
