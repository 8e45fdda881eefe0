using System.Security.Cryptography;
using System.Text;
using Bazaar.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Bazaar.Accounts;

/// <summary>
/// Identity's EF store with the two-factor secrets kept out of clear text in AspNetUserTokens: the
/// authenticator key sealed with Data Protection (a purpose of its own; the key ring every instance
/// shares), the recovery codes as SHA-256 hashes (a code is redeemed by its hash, so the clear codes
/// exist only on the page that shows them once). Identity's default keeps both readable by anyone
/// who reads the table.
/// </summary>
public sealed class ShopUserStore(ShopDb db, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<ShopUser, IdentityRole<Guid>, ShopDb, Guid>(db, describer)
{
    // Identity's own names for the rows, so the hashed and sealed values take the places of the clear ones.
    private const string Provider = "[AspNetUserStore]", RecoveryCodes = "RecoveryCodes";

    private readonly IDataProtector _keys = protection.CreateProtector("Bazaar.Accounts.AuthenticatorKey.v1");

    public override Task SetAuthenticatorKeyAsync(ShopUser user, string key, CancellationToken ct) =>
        base.SetAuthenticatorKeyAsync(user, _keys.Protect(key), ct);

    public override async Task<string?> GetAuthenticatorKeyAsync(ShopUser user, CancellationToken ct)
    {
        var sealedKey = await base.GetAuthenticatorKeyAsync(user, ct);
        if (string.IsNullOrEmpty(sealedKey))
            return null;
        try
        {
            return _keys.Unprotect(sealedKey);
        }
        catch (CryptographicException)
        {
            // Not sealed by this key ring (lost keys): as if there were none; enrolling again makes a new one.
            return null;
        }
    }

    public override Task ReplaceCodesAsync(ShopUser user, IEnumerable<string> recoveryCodes, CancellationToken ct) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(HashOf), ct);

    public override async Task<bool> RedeemCodeAsync(ShopUser user, string code, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = (await GetTokenAsync(user, Provider, RecoveryCodes, ct) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        var hash = HashOf(code);
        if (!stored.Contains(hash, StringComparer.Ordinal))
            return false;
        // The rest are hashes already: the base method writes them as they are.
        await base.ReplaceCodesAsync(user, stored.Where(s => s != hash), ct);
        return true;
    }

    /// <summary>Recovery codes are random (50 bits): one SHA-256 is enough, a slow hash would buy nothing.</summary>
    public static string HashOf(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}
