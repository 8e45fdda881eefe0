using System.Security.Cryptography;
using Bazaar.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Accounts;

/// <summary>A seeded customer: what a load test needs to act as them.</summary>
public sealed record SeededCustomer(Guid Id, string UserName, Guid AddressId, string AccessToken);

/// <summary>
/// Many customer accounts at once, each with a default address and a bearer token, for load tests
/// (bench/run.sh's flash-sale crowd) and rehearsals. Registering and signing in one by one hashes a
/// password twice per customer (PBKDF2, tens of milliseconds of CPU each): 10,000 customers would take
/// many minutes on two cores. Here one hash is computed and shared, the rows go in by the thousand, and
/// each token is minted as the token endpoint mints it (the same principal, protector and lifetime), so
/// the API cannot tell them apart. Accounts named prefix1 … prefixN that exist already are kept and
/// only get a fresh token: running it again renews the tokens.
/// </summary>
public sealed class SeedCustomers(ShopDb db, IPasswordHasher<ShopUser> hasher, IServiceScopeFactory scopes,
    IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, PhoneLookup phoneLookup)
{
    public const int MaxCustomers = 1_000_000, MaxPrefix = 20, Batch = 1_000;

    // Identity builds a principal with four queries (claims, roles, each role and its claims): waiting on
    // them one customer after another is most of the time, so a few customers are minted at once.
    private const int Minters = 4;

    public static string? Check(int count, string prefix, string password)
    {
        if (count is < 1 or > MaxCustomers)
            return $"The number of customers must be from 1 to {MaxCustomers:N0}.";
        if (prefix.Length is 0 or > MaxPrefix || !char.IsAsciiLetter(prefix[0]) || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            return $"The name prefix must start with a Latin letter and have at most {MaxPrefix} letters, digits, '_', '-' or '.'.";
        if (password.Length is < RegisterCustomer.MinPassword or > RegisterCustomer.MaxPassword)
            return $"The password must have {RegisterCustomer.MinPassword} to {RegisterCustomer.MaxPassword} characters.";
        return null;
    }

    /// <summary>Customers prefix1 … prefixN, created when missing, each handed to <paramref name="write"/> with a new token, in order.</summary>
    public async Task HandleAsync(int count, string prefix, string password, Func<SeededCustomer, Task> write, IProgress<int> progress,
        CancellationToken ct)
    {
        if (Check(count, prefix, password) is { } problem)
            throw new ArgumentException(problem);
        // Identity hashes with a random salt; sharing one hash only means these accounts share a password.
        var hash = hasher.HashPassword(new ShopUser(), password);
        var customerRole = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).SingleAsync(ct);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        for (var first = 1; first <= count; first += Batch)
        {
            var names = Enumerable.Range(first, Math.Min(Batch, count - first + 1)).Select(i => prefix + i).ToList();
            var users = await EnsureAccountsAsync(names, hash, customerRole, ct);
            var addresses = await EnsureAddressesAsync(users, ct);
            var tokens = await MintAsync(users, options, ct);
            for (var i = 0; i < users.Count; i++)
                await write(new SeededCustomer(users[i].Id, users[i].UserName!, addresses[users[i].Id], tokens[i]));
            db.ChangeTracker.Clear();
            progress.Report(first - 1 + names.Count);
        }
    }

    /// <summary>
    /// A bearer token per user, as the token endpoint's SignInAsync makes it: Identity's principal, the
    /// bearer scheme's protector, its lifetime, and the ticket's scheme name as the bearer handler writes it.
    /// </summary>
    private async Task<string[]> MintAsync(List<ShopUser> users, BearerTokenOptions options, CancellationToken ct)
    {
        var tokens = new string[users.Count];
        var expires = clock.GetUtcNow() + options.BearerTokenExpiration;
        await Parallel.ForEachAsync(Enumerable.Range(0, Minters), ct, async (minter, token) =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<ShopUser>>();
            for (var i = minter; i < users.Count; i += Minters)
            {
                token.ThrowIfCancellationRequested();
                var ticket = new AuthenticationTicket(await principals.CreateAsync(users[i]),
                    new AuthenticationProperties { ExpiresUtc = expires }, $"{IdentityConstants.BearerScheme}:AccessToken");
                tokens[i] = options.BearerTokenProtector.Protect(ticket);
            }
        });
        return tokens;
    }

    /// <summary>The accounts of these names in their order: the existing ones as they are, the missing ones new, in the Customer role.</summary>
    private async Task<List<ShopUser>> EnsureAccountsAsync(List<string> names, string hash, Guid customerRole, CancellationToken ct)
    {
        var normalised = names.Select(n => n.ToUpperInvariant()).ToList();
        var existing = await db.Users.AsNoTracking().Where(u => normalised.Contains(u.NormalizedUserName!)).ToListAsync(ct);
        var existingIds = existing.Select(u => u.Id).ToList();
        var customers = await db.UserRoles.Where(r => existingIds.Contains(r.UserId) && r.RoleId == customerRole).Select(r => r.UserId).ToListAsync(ct);
        if (existing.FirstOrDefault(u => !customers.Contains(u.Id)) is { } other)
            throw new InvalidOperationException($"The account {other.UserName} exists and is not a customer: choose another name prefix.");
        var byName = existing.ToDictionary(u => u.NormalizedUserName!);
        var missing = names.Where(n => !byName.ContainsKey(n.ToUpperInvariant())).ToList();
        var phones = await FreePhonesAsync(missing, ct);
        var now = clock.GetUtcNow();
        foreach (var name in missing)
        {
            var user = new ShopUser
            {
                Id = Guid.CreateVersion7(), UserName = name, NormalizedUserName = name.ToUpperInvariant(), PhoneNumber = phones[name],
                PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true, CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = customerRole });
            byName[user.NormalizedUserName] = user;
        }
        await db.SaveChangesAsync(ct);
        return normalised.Select(n => byName[n]).ToList();
    }

    /// <summary>Each customer's default address (the first one, when there is no default), a new one for those with none.</summary>
    private async Task<Dictionary<Guid, Guid>> EnsureAddressesAsync(List<ShopUser> users, CancellationToken ct)
    {
        var ids = users.Select(u => u.Id).ToList();
        var known = (await db.Set<Address>().AsNoTracking().Where(a => ids.Contains(a.UserId))
                .Select(a => new { a.UserId, a.Id, a.IsDefault, a.CreatedAt }).ToListAsync(ct))
            .GroupBy(a => a.UserId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).First().Id);
        var now = clock.GetUtcNow();
        foreach (var user in users.Where(u => !known.ContainsKey(u.Id)))
        {
            var address = new Address
            {
                Id = Guid.CreateVersion7(), UserId = user.Id, Recipient = user.UserName!, Phone = user.PhoneNumber ?? "+8619900000000",
                Province = "上海市", City = "上海市", District = "浦东新区", Street = $"世纪大道 {user.UserName}", Postcode = "200120",
                IsDefault = true, CreatedAt = now,
            };
            db.Add(address);
            known[user.Id] = address.Id;
        }
        await db.SaveChangesAsync(ct);
        return known;
    }

    /// <summary>
    /// A mainland mobile number (199 …) per name that no account has, derived from the name so a rerun
    /// picks the same ones, moved along when taken (phone numbers are unique).
    /// </summary>
    private async Task<Dictionary<string, string>> FreePhonesAsync(List<string> names, CancellationToken ct)
    {
        var phones = new Dictionary<string, string>();
        var taken = new HashSet<string>();
        var step = 0;
        var left = names;
        while (left.Count > 0)
        {
            var candidates = left.ToDictionary(n => n, n => Phone(n, step));
            var wanted = candidates.Values.ToList();
            taken.UnionWith(await phoneLookup.TakenAsync(db.Users, wanted, ct));
            var next = new List<string>();
            foreach (var (name, phone) in candidates)
            {
                if (taken.Add(phone))
                    phones[name] = phone;
                else
                    next.Add(name);
            }
            left = next;
            step++;
        }
        return phones;
    }

    private static string Phone(string name, int step)
    {
        var digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        var n = (BitConverter.ToUInt32(digest, 0) + (uint)step) % 100_000_000;
        return $"+86199{n:D8}";
    }
}
