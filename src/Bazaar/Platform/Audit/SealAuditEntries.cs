using Bazaar.Platform.Cluster;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Audit;

/// <summary>
/// Every Audit:SealInterval, one sealer for the whole database (the cluster-wide job lease; on SQLite
/// the single process) chains the unsealed entries in Id order. Appending never waits for the chain:
/// Record() rides the caller's transaction and may commit late, with a lower Id than entries already
/// sealed; it is simply sealed at the next pass, further down the chain. Ids need not follow the chain,
/// only the chain positions do. A pass is one transaction: the chain grows by a whole batch or not at all.
/// </summary>
public sealed class SealAuditEntries(IServiceScopeFactory scopes, JobLease lease, AuditChainKey key,
    IOptions<AuditOptions> options, TimeProvider clock, ILogger<SealAuditEntries> log) : BackgroundService
{
    private const int BatchSize = 500;
    // Passes of this process (the timer and a test's or a command's RunOnceAsync) take turns; the lease covers other processes.
    private readonly SemaphoreSlim _turn = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (key.Bytes is null)
        {
            log.LogWarning("Audit:ChainKey and Audit:ChainKeyFile are not set: audit entries are kept but not sealed into the tamper-evident chain.");
            return;
        }
        if (key.Generated)
            log.LogWarning("Made a new audit chain key in {Path}. Back it up with the data: without it `bazaar audit verify` cannot check the log.", key.Source);
        using var timer = new PeriodicTimer(options.Value.SealInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Sealing audit entries failed; the next run tries again.");
            }
        }
    }

    /// <summary>Seals everything appended so far; returns how many entries it sealed (0 when another instance holds the lease).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var secret = key.Required;
        await _turn.WaitAsync(ct);
        try
        {
            await using var held = await lease.TryTakeAsync("audit-seal", ct);
            if (held is null)
                return 0;
            var sealedCount = 0;
            int batch;
            do
            {
                batch = await SealBatchAsync(secret, ct);
                sealedCount += batch;
            } while (batch == BatchSize);
            return sealedCount;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<int> SealBatchAsync(byte[] secret, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entries = db.Set<AuditEntry>();
        var head = await entries.AsNoTracking().Where(e => e.ChainPosition != null).OrderByDescending(e => e.ChainPosition)
            .Select(e => new { e.ChainPosition, e.Mac }).FirstOrDefaultAsync(ct);
        var unsealed = await entries.AsNoTracking().Where(e => e.ChainPosition == null).OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        var position = head?.ChainPosition ?? 0;
        var previous = head?.Mac ?? AuditSeal.Start;
        foreach (var entry in unsealed)
        {
            position++;
            var mac = AuditSeal.Compute(secret, previous, entry);
            var (id, at, after) = (entry.Id, position, previous);
            var changed = await entries.Where(e => e.Id == id && e.ChainPosition == null).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ChainPosition, at).SetProperty(e => e.Mac, mac).SetProperty(e => e.PreviousMac, after), ct);
            if (changed != 1)
                throw new InvalidOperationException($"Audit entry {id} was sealed by someone else during this pass; the pass is undone.");
            previous = mac;
        }
        await transaction.CommitAsync(ct);
        return unsealed.Count;
    }
}
