using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bazaar.Platform.Audit;

/// <summary>
/// The MAC of an entry: HMAC-SHA256(key, previous MAC || canonical content). The content is every
/// field but the seal's own, each length-prefixed so that no two different entries encode alike
/// ("ab"+"c" is not "a"+"bc"). The chain position is not in it: the chain's order is carried by the
/// previous MAC, and leaving the position out lets verify tell a reordered entry from a changed one.
/// </summary>
public static class AuditSeal
{
    public const int Length = 32;
    private static readonly byte[] Version = "bazaar-audit-1"u8.ToArray();

    /// <summary>What the first entry of the chain follows.</summary>
    public static byte[] Start { get; } = new byte[Length];

    public static byte[] Compute(byte[] key, byte[] previousMac, AuditEntry entry)
    {
        using var content = new MemoryStream();
        content.Write(previousMac);
        content.Write(Version);
        Write(content, entry.Id);
        // PostgreSQL keeps microseconds: the time as sealed is the time as read back.
        Write(content, entry.At.Ticks / 10);
        Write(content, entry.ActorId?.ToByteArray());
        Write(content, entry.Actor);
        Write(content, entry.Action);
        Write(content, entry.Target);
        Write(content, entry.Details);
        Write(content, entry.IpAddress);
        return HMACSHA256.HashData(key, content.ToArray());
    }

    public static bool Holds(byte[] key, AuditEntry entry) =>
        entry.Mac is { Length: Length } mac && entry.PreviousMac is { Length: Length } previous
        && CryptographicOperations.FixedTimeEquals(mac, Compute(key, previous, entry));

    private static void Write(Stream to, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        to.Write(bytes);
    }

    private static void Write(Stream to, string? text) => Write(to, text is null ? null : Encoding.UTF8.GetBytes(text));

    private static void Write(Stream to, byte[]? bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
        to.Write(length);
        if (bytes is not null)
            to.Write(bytes);
    }
}
