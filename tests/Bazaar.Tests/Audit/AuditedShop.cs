using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Audit;

/// <summary>
/// A test shop whose sealer runs only when the test says (<see cref="SealAsync"/>), with the chain key
/// its provider would have: on SQLite the key the shop makes in its data directory, on PostgreSQL a
/// configured one. <see cref="AttackAsync"/> plays someone with write access to the database who
/// switches the append-only triggers off.
/// </summary>
public sealed class AuditedShop
{
    public const string PostgresKey = "test-only-audit-chain-key-0123456789abcdef";

    public AuditedShop(ShopFactory shop)
    {
        Shop = shop;
        Host = shop.WithWebHostBuilder(b =>
        {
            b.UseSetting("Audit:SealInterval", "40.00:00:00");
            if (shop is PostgresShop)
                b.UseSetting("Audit:ChainKey", PostgresKey);
        });
    }

    public ShopFactory Shop { get; }
    public WebApplicationFactory<Program> Host { get; }

    /// <summary>The key as the shop reads it: from its data directory on SQLite, from configuration on PostgreSQL.</summary>
    public string Key => Shop is SqliteShop sqlite
        ? File.ReadAllText(Path.Combine(sqlite.DataDirectory, AuditChainKey.GeneratedFileName)).Trim()
        : PostgresKey;

    /// <summary>How to run `bazaar audit verify` as an operator would, against this shop's database.</summary>
    public IReadOnlyDictionary<string, string?> CommandEnvironment => Shop switch
    {
        SqliteShop sqlite => new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Sqlite", ["ConnectionStrings__Shop"] = "", ["Storage__DataDirectory"] = sqlite.DataDirectory,
        },
        PostgresShop postgres => new Dictionary<string, string?>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__Shop"] = postgres.ConnectionString, ["Audit__ChainKey"] = PostgresKey,
        },
        _ => throw new NotSupportedException(),
    };

    /// <summary>Appends entries one after another; returns their ids.</summary>
    public async Task<List<long>> AppendAsync(int count, string action = "test.appended")
    {
        for (var i = 0; i < count; i++)
            await RecordAsync(action, $"thing {i}");
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        return await db.Set<AuditEntry>().Where(e => e.Action == action).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    public async Task RecordAsync(string action, string target)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordNowAsync(action, target, "details of " + target, default);
    }

    public Task<int> SealAsync() => Host.Services.GetRequiredService<SealAuditEntries>().RunOnceAsync(default);

    public async Task<AuditChainReport> VerifyAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerifyAuditChain>().HandleAsync(default);
    }

    public async Task<AuditEntry> EntryAsync(long id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Id == id);
    }

    /// <summary>Runs SQL as the shop's database user would, triggers and all.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>Runs SQL with the append-only triggers out of the way, as an attacker who owns the tables could.</summary>
    public Task<int> AttackAsync(string sql) => ExecuteAsync(Shop is PostgresShop
        ? $"""ALTER TABLE "AuditEntries" DISABLE TRIGGER USER; {sql}; ALTER TABLE "AuditEntries" ENABLE TRIGGER USER;"""
        : $"""DROP TRIGGER IF EXISTS "AuditEntries_seal_only"; DROP TRIGGER IF EXISTS "AuditEntries_no_delete"; {sql};""");
}
