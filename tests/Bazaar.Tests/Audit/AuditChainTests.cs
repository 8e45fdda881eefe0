using Bazaar.Platform.Audit;
using Bazaar.Tests.Platform;
using Npgsql;

namespace Bazaar.Tests.Audit;

/// <summary>The audit log's chain as operators rely on it: every entry sealed, once, into one chain that verifies.</summary>
public abstract class AuditChainTests(ShopFactory shop)
{
    private readonly AuditedShop audit = new(shop);

    [Fact]
    public async Task Sealed_entries_form_a_chain_that_verifies_up_to_the_last_one()
    {
        var ids = await audit.AppendAsync(5, "test.sealed-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await audit.VerifyAsync()).Unsealed >= 5);

        await audit.SealAsync();
        var report = await audit.VerifyAsync();

        Assert.True(report.Intact, report.Break?.Description);
        Assert.Equal(0, report.Unsealed);
        Assert.True(report.Sealed >= 5);
        var last = await audit.EntryAsync(ids[^1]);
        Assert.Equal(report.Sealed, last.ChainPosition);
    }

    [Fact]
    public async Task Entries_appended_in_parallel_are_all_sealed_into_one_unbroken_chain()
    {
        var action = "test.parallel-" + Guid.NewGuid().ToString("N")[..8];
        // The sealer passes while the appends are still arriving, as it would every second in production.
        _ = audit.Host.Services; // started before the crowd arrives, so the 50 appends race each other and not the start-up
        using var appending = new CancellationTokenSource();
        var sealing = Task.Run(async () =>
        {
            // Paced, not timed: each pass opens the lease's own connection, and a tight loop would only flood the server.
            while (!appending.IsCancellationRequested)
            {
                await audit.SealAsync();
                await Task.Delay(5);
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => audit.RecordAsync(action, $"order {i}"))));
        appending.Cancel();
        await sealing;
        // A pass finds the lease taken while another pass still holds it (it answers 0 then), as an
        // instance's timer does: seal again until nothing is left, as the next seconds' passes would.
        var report = await audit.VerifyAsync();
        for (var pass = 0; report.Unsealed > 0 && pass < 50; pass++)
        {
            await audit.SealAsync();
            await Task.Delay(100);
            report = await audit.VerifyAsync();
        }
        Assert.True(report.Intact, report.Break?.Description);
        Assert.Equal(0, report.Unsealed);
        var ids = await audit.AppendAsync(0, action);
        Assert.Equal(50, ids.Count);
        var positions = new List<long>();
        foreach (var id in ids)
            positions.Add((await audit.EntryAsync(id)).ChainPosition!.Value);
        Assert.Equal(50, positions.Distinct().Count());
    }

    [Fact]
    public async Task The_database_refuses_every_change_but_sealing_an_entry_once()
    {
        var unsealed = (await audit.AppendAsync(1, "test.refused-" + Guid.NewGuid().ToString("N")[..8]))[0];
        await AssertRefusedAsync($"""UPDATE "AuditEntries" SET "Details" = 'rewritten' WHERE "Id" = {unsealed}""");
        // A seal smuggled in with a change of content is refused as a whole.
        await AssertRefusedAsync($"""UPDATE "AuditEntries" SET "ChainPosition" = 999999, "Mac" = {Blob(1)}, "PreviousMac" = {Blob(0)}, "Actor" = 'someone else' WHERE "Id" = {unsealed}""");

        await audit.SealAsync();
        var sealedEntry = await audit.EntryAsync(unsealed);
        await AssertRefusedAsync($"""UPDATE "AuditEntries" SET "Mac" = {Blob(7)} WHERE "Id" = {unsealed}""");
        await AssertRefusedAsync($"""UPDATE "AuditEntries" SET "ChainPosition" = NULL, "Mac" = NULL, "PreviousMac" = NULL WHERE "Id" = {unsealed}""");
        await AssertRefusedAsync($"""UPDATE "AuditEntries" SET "Target" = 'elsewhere' WHERE "Id" = {unsealed}""");
        await AssertRefusedAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {unsealed}""");

        var after = await audit.EntryAsync(unsealed);
        Assert.Equal(sealedEntry.Mac, after.Mac);
        Assert.Equal(sealedEntry.Target, after.Target);
        Assert.True((await audit.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task The_chain_key_is_nowhere_in_the_database()
    {
        await audit.AppendAsync(3, "test.key-" + Guid.NewGuid().ToString("N")[..8]);
        await audit.SealAsync();

        Assert.False(await DatabaseContainsAsync(audit.Key), "the chain key was found in the database");
        Assert.False(await DatabaseContainsAsync(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(audit.Key))),
            "the chain key's bytes were found in the database");
    }

    protected abstract Task<bool> DatabaseContainsAsync(string text);

    private string Blob(byte fill) => shop is PostgresShop ? $"'\\x{new string((char)('0' + fill % 10), 64)}'::bytea" : $"X'{new string((char)('0' + fill % 10), 64)}'";

    private async Task AssertRefusedAsync(string sql)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => audit.ExecuteAsync(sql));
        Assert.Contains("append-only", refused.Message + refused.InnerException?.Message);
    }
}

public sealed class AuditChainTests_Sqlite(SqliteShop shop) : AuditChainTests(shop), IClassFixture<SqliteShop>
{
    /// <summary>The whole database file, byte for byte, with its write-ahead log.</summary>
    protected override Task<bool> DatabaseContainsAsync(string text)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        var found = Directory.GetFiles(shop.DataDirectory, "*.db*").Any(f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
        return Task.FromResult(found);
    }

    [Fact]
    public void The_embedded_shop_makes_its_own_key_beside_the_data_readable_only_by_its_owner()
    {
        var file = Path.Combine(shop.DataDirectory, AuditChainKey.GeneratedFileName);
        Assert.True(File.Exists(file));
        Assert.True(File.ReadAllText(file).Trim().Length >= 32);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }
}

public sealed class AuditChainTests_Postgres(PostgresShop shop) : AuditChainTests(shop), IClassFixture<PostgresShop>
{
    /// <summary>Every row of every table as text (bytea shows as hex), the way a dump would show it.</summary>
    protected override async Task<bool> DatabaseContainsAsync(string text)
    {
        await using var connection = new NpgsqlConnection(shop.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        Assert.Contains(tables, t => t.Contains("AuditEntries"));
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table} t WHERE strpos(t::text, @text) > 0)", connection);
            search.Parameters.AddWithValue("text", text);
            if (await search.ExecuteScalarAsync() is true)
                return true;
        }
        return false;
    }
}
