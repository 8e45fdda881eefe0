using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Accounts;

/// <summary>
/// One code texted for sign-in, or one request for a number without an account (no code, no user):
/// both count towards the number's limits, so the limits cannot tell the two apart. The number is kept
/// only as its blind index (<see cref="NumberKey"/>, the keyed HMAC the accounts table looks phones up by) and the code only as a salted PBKDF2 hash.
/// </summary>
public sealed class SignInCode
{
    public const int Digits = 6, MaxTries = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public Guid Id { get; set; }
    public string NumberKey { get; set; } = "";
    public Guid? UserId { get; set; }
    public byte[]? Salt { get; set; }
    public byte[]? CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int Tries { get; set; }
    public DateTime? UsedAt { get; set; }

    /// <summary>Six digits, uniformly from the CSPRNG (no modulo bias).</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    // A million codes is a small space: a plain hash would fall to a table in a second. The salt and the
    // PBKDF2 work make each row its own search, longer than the code's five minutes on a server's CPU.
    private const int Iterations = 20_000;

    public static byte[] Hash(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);

    public bool Matches(string code) =>
        Salt is not null && CodeHash is not null && CryptographicOperations.FixedTimeEquals(Hash(code, Salt), CodeHash);
}

internal sealed class SignInCodeConfiguration : IEntityTypeConfiguration<SignInCode>
{
    public void Configure(EntityTypeBuilder<SignInCode> c)
    {
        c.ToTable("SignInCodes");
        c.Property(x => x.NumberKey).HasMaxLength(64).IsRequired();
        c.Property(x => x.Salt).HasMaxLength(16);
        c.Property(x => x.CodeHash).HasMaxLength(32);
        c.HasIndex(x => new { x.NumberKey, x.CreatedAt });
    }
}
