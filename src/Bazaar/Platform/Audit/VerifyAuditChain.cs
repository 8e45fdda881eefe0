using System.Runtime.CompilerServices;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Audit;

public enum AuditBreakKind { ContentChanged, Missing, Inserted, Reordered }

/// <summary>The first place the chain does not hold, and what the evidence says happened there.</summary>
public sealed record AuditBreak(long EntryId, long ChainPosition, AuditBreakKind Kind, string Description);

/// <param name="Sealed">Entries checked before the break (all of them when intact).</param>
/// <param name="LastSealedId">The last entry the chain vouches for.</param>
/// <param name="Unsealed">Entries appended but not yet sealed: recent ones, or all of them while no key is set.</param>
public sealed record AuditChainReport(long Sealed, long? LastSealedId, long Unsealed, AuditBreak? Break)
{
    public bool Intact => Break is null;
}

/// <summary>
/// Walks the chain by position and recomputes every MAC. Where it breaks, the stored previous MAC
/// tells what happened: an entry whose MAC no longer matches its content was changed (or, when the
/// chain carries on without it, inserted); one that still matches but follows the wrong entry was
/// moved (its true predecessor is elsewhere in the chain) or lost its predecessor (nowhere).
/// What no chain can show: entries cut off its end. The head verify reports is the check for that.
/// </summary>
public sealed class VerifyAuditChain(ShopDb db, AuditChainKey chainKey)
{
    private const int PageSize = 1000;

    public async Task<AuditChainReport> HandleAsync(CancellationToken ct)
    {
        var key = chainKey.Required;
        var unsealed = await db.Set<AuditEntry>().LongCountAsync(e => e.ChainPosition == null, ct);
        var previous = AuditSeal.Start;
        long? previousId = null;
        long count = 0;
        AuditEntry? current = null;
        await foreach (var next in WalkAsync(ct))
        {
            if (current is not null)
            {
                if (await JudgeAsync(key, current, next, previous, previousId, ct) is { } broken)
                    return new(count, previousId, unsealed, broken);
                (previous, previousId, count) = (current.Mac!, current.Id, count + 1);
            }
            current = next;
        }
        if (current is not null)
        {
            if (await JudgeAsync(key, current, null, previous, previousId, ct) is { } broken)
                return new(count, previousId, unsealed, broken);
            (previousId, count) = (current.Id, count + 1);
        }
        return new(count, previousId, unsealed, null);
    }

    private async Task<AuditBreak?> JudgeAsync(byte[] key, AuditEntry entry, AuditEntry? next, byte[] previous, long? previousId,
        CancellationToken ct)
    {
        var holds = AuditSeal.Holds(key, entry);
        var follows = entry.PreviousMac is not null && entry.PreviousMac.AsSpan().SequenceEqual(previous);
        if (holds && follows)
            return null;
        var position = entry.ChainPosition!.Value;
        var after = previousId is null ? "the start of the chain" : $"entry {previousId}";
        if (!holds)
        {
            var skipped = next is not null && AuditSeal.Holds(key, next) && next.PreviousMac.AsSpan().SequenceEqual(previous);
            return skipped
                ? new(entry.Id, position, AuditBreakKind.Inserted,
                    $"entry {entry.Id} was inserted: it carries no valid seal, and entry {next!.Id} was sealed right after {after}.")
                : new(entry.Id, position, AuditBreakKind.ContentChanged,
                    $"entry {entry.Id} was changed: its content no longer matches the MAC it was sealed with.");
        }
        if (entry.PreviousMac.AsSpan().SequenceEqual(AuditSeal.Start))
            return new(entry.Id, position, AuditBreakKind.Reordered,
                $"the chain was reordered: entry {entry.Id} was sealed first, but now follows {after}.");
        var sealedAfter = entry.PreviousMac;
        var original = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.Mac == sealedAfter)
            .Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
        return original is not null
            ? new(entry.Id, position, AuditBreakKind.Reordered,
                $"the chain was reordered: entry {entry.Id} was sealed after entry {original}, but now follows {after}.")
            : new(entry.Id, position, AuditBreakKind.Missing,
                $"an entry is missing: the one sealed just before entry {entry.Id} (which now follows {after}) is gone.");
    }

    /// <summary>The sealed entries in chain order, a page at a time, so a long log never sits in memory whole.</summary>
    private async IAsyncEnumerable<AuditEntry> WalkAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long after = long.MinValue;
        while (true)
        {
            var page = await db.Set<AuditEntry>().AsNoTracking().Where(e => e.ChainPosition != null && e.ChainPosition > after)
                .OrderBy(e => e.ChainPosition).Take(PageSize).ToListAsync(ct);
            foreach (var entry in page)
                yield return entry;
            if (page.Count < PageSize)
                yield break;
            after = page[^1].ChainPosition!.Value;
        }
    }
}
