using Bazaar.Platform.Audit;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Audit;

/// <summary>
/// Someone with write access to the database gets round the triggers and rewrites history; the chain
/// names the first entry touched and what was done to it. Each test has a shop of its own: a broken
/// chain stays broken.
/// </summary>
public abstract class AuditTamperTests
{
    protected abstract ShopFactory NewShop();

    private async Task WithSealedChainAsync(Func<AuditedShop, List<long>, Task> test)
    {
        var shop = NewShop();
        await shop.InitializeAsync();
        try
        {
            var audit = new AuditedShop(shop);
            var ids = await audit.AppendAsync(6);
            await audit.SealAsync();
            Assert.True((await audit.VerifyAsync()).Intact);
            await test(audit, ids);
        }
        finally
        {
            await ((IAsyncLifetime)shop).DisposeAsync();
        }
    }

    [Fact]
    public Task Changing_an_entrys_content_makes_verify_name_that_entry_and_exit_1() => WithSealedChainAsync(async (audit, ids) =>
    {
        var intact = await BazaarRun.StartAsync(audit.CommandEnvironment, "audit", "verify");
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.Contains("The audit chain is intact", intact.Out);

        await audit.AttackAsync($"""UPDATE "AuditEntries" SET "Actor" = 'nobody' WHERE "Id" = {ids[2]}""");

        var broken = (await audit.VerifyAsync()).Break;
        Assert.NotNull(broken);
        Assert.Equal((ids[2], AuditBreakKind.ContentChanged), (broken.EntryId, broken.Kind));
        var run = await BazaarRun.StartAsync(audit.CommandEnvironment, "audit", "verify");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"broken at entry {ids[2]}", run.Out);
        Assert.Contains("was changed", run.Out);
    });

    [Fact]
    public Task Deleting_an_entry_is_detected_at_the_entry_that_followed_it() => WithSealedChainAsync(async (audit, ids) =>
    {
        await audit.AttackAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {ids[3]}""");

        var report = await audit.VerifyAsync();

        Assert.NotNull(report.Break);
        Assert.Equal((ids[4], AuditBreakKind.Missing), (report.Break.EntryId, report.Break.Kind));
    });

    [Fact]
    public Task Deleting_an_entry_and_closing_the_gap_in_positions_is_still_detected() => WithSealedChainAsync(async (audit, ids) =>
    {
        var removed = await audit.EntryAsync(ids[1]);
        await audit.AttackAsync($"""
            DELETE FROM "AuditEntries" WHERE "Id" = {ids[1]};
            UPDATE "AuditEntries" SET "ChainPosition" = "ChainPosition" + 1000000 WHERE "ChainPosition" > {removed.ChainPosition};
            UPDATE "AuditEntries" SET "ChainPosition" = "ChainPosition" - 1000001 WHERE "ChainPosition" > 1000000
            """);

        var report = await audit.VerifyAsync();

        Assert.NotNull(report.Break);
        Assert.Equal((ids[2], AuditBreakKind.Missing), (report.Break.EntryId, report.Break.Kind));
    });

    [Fact]
    public Task Swapping_two_entries_in_the_chain_is_reported_as_reordered() => WithSealedChainAsync(async (audit, ids) =>
    {
        var (a, b) = (await audit.EntryAsync(ids[2]), await audit.EntryAsync(ids[3]));
        await audit.AttackAsync($"""
            UPDATE "AuditEntries" SET "ChainPosition" = -1 WHERE "Id" = {a.Id};
            UPDATE "AuditEntries" SET "ChainPosition" = {a.ChainPosition} WHERE "Id" = {b.Id};
            UPDATE "AuditEntries" SET "ChainPosition" = {b.ChainPosition} WHERE "Id" = {a.Id}
            """);

        var report = await audit.VerifyAsync();

        Assert.NotNull(report.Break);
        Assert.Equal((b.Id, AuditBreakKind.Reordered), (report.Break.EntryId, report.Break.Kind));
    });

    [Fact]
    public Task An_entry_slipped_into_the_chain_is_reported_as_inserted() => WithSealedChainAsync(async (audit, ids) =>
    {
        var after = await audit.EntryAsync(ids[1]);
        var forged = audit.Shop is PostgresShop ? "'\\x" + new string('a', 64) + "'::bytea" : "X'" + new string('a', 64) + "'";
        // Room made after entry ids[1], and a row put there with a made-up seal: without the key there is no other kind.
        await audit.AttackAsync($"""
            UPDATE "AuditEntries" SET "ChainPosition" = "ChainPosition" + 1000001 WHERE "ChainPosition" > {after.ChainPosition};
            UPDATE "AuditEntries" SET "ChainPosition" = "ChainPosition" - 1000000 WHERE "ChainPosition" > 1000000;
            INSERT INTO "AuditEntries" ("At", "Actor", "Action", "Target", "ChainPosition", "Mac", "PreviousMac")
                VALUES ('2026-01-01 00:00:00', 'admin', 'order.refunded', 'order 1', {after.ChainPosition + 1}, {forged}, {forged})
            """);

        var report = await audit.VerifyAsync();

        Assert.NotNull(report.Break);
        Assert.Equal(AuditBreakKind.Inserted, report.Break.Kind);
        Assert.Equal(after.ChainPosition + 1, report.Break.ChainPosition);
        Assert.Contains($"entry {ids[2]} was sealed right after entry {ids[1]}", report.Break.Description);
    });
}

public sealed class AuditTamperTests_Sqlite : AuditTamperTests
{
    protected override ShopFactory NewShop() => new SqliteShop();
}

public sealed class AuditTamperTests_Postgres : AuditTamperTests
{
    protected override ShopFactory NewShop() => new PostgresShop();
}
