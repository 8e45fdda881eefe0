using System.Security.Cryptography;

namespace Bazaar.Ordering;

/// <summary>
/// Order numbers a person can read out on the phone (BZ251125-7KQ3M9TD): the date, then eight
/// random characters from an alphabet without look-alikes (no 0/O, 1/I/L), so the next number
/// cannot be guessed from the last (31^8 ≈ 8.5·10^11 per day).
/// </summary>
public static class OrderNumber
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New(DateTime placedAtUtc) =>
        $"BZ{placedAtUtc:yyMMdd}-{RandomNumberGenerator.GetString(Alphabet, 8)}";
}
