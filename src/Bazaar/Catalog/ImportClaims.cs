using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// The import table's side of <see cref="RunProductImports"/>: taking an import under a lease, and
/// every later write, each guarded by that lease (LockedBy) so an instance that lost its import
/// changes nothing of the run that took it over.
/// </summary>
internal sealed class ImportClaims(IServiceScopeFactory scopes, TimeProvider clock, ILogger log)
{
    private const string Queued = ProductImportStatus.Queued, Running = ProductImportStatus.Running;

    /// <summary>
    /// The oldest waiting import, or a running one whose lease ran out (its instance died), in one
    /// conditional UPDATE: only a row whose lease is free, and only while no other import holds a live
    /// lease. Instances racing for it all aim at the same oldest row; PostgreSQL re-checks the lease
    /// of a row another claim changed meanwhile, so one of them gets it and the others get nothing.
    /// A claim is a new attempt: the figures start again from zero, as the file does.
    /// </summary>
    public async Task<ProductImport?> ClaimAsync(Guid claim, TimeSpan lease, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var imports = db.Set<ProductImport>();
        var next = imports.Where(j => (j.State == Queued || j.State == Running) && (j.LockedUntil == null || j.LockedUntil < now))
            .OrderBy(j => j.QueuedAt).Select(j => j.Id).Take(1);
        var claimed = await imports
            .Where(j => next.Contains(j.Id) && (j.State == Queued || j.State == Running) && (j.LockedUntil == null || j.LockedUntil < now)
                        && !imports.Any(o => o.Id != j.Id && (o.State == Queued || o.State == Running) && o.LockedUntil != null && o.LockedUntil >= now))
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.LockedBy, claim).SetProperty(j => j.LockedUntil, until)
                .SetProperty(j => j.State, Running).SetProperty(j => j.StartedAt, now).SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.Bytes, 0).SetProperty(j => j.Rows, 0).SetProperty(j => j.Created, 0).SetProperty(j => j.Updated, 0)
                .SetProperty(j => j.Unchanged, 0).SetProperty(j => j.Rejected, 0), ct);
        return claimed == 0 ? null : await imports.AsNoTracking().SingleAsync(j => j.LockedBy == claim, ct);
    }

    public async Task<byte[]?> FileAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDb>().Set<ProductImportFile>()
            .Where(f => f.ImportId == id).Select(f => f.Content).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Writes the figures and extends the lease, on the import's thread (a progress callback cannot
    /// await). False when the import is no longer this claim's; null when the database did not answer.
    /// </summary>
    public bool? Renew(Guid id, Guid claim, ImportProgress p, DateTime until)
    {
        try
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<ShopDb>().Set<ProductImport>()
                .Where(j => j.Id == id && j.LockedBy == claim && j.State == Running)
                .ExecuteUpdate(u => u.SetProperty(j => j.LockedUntil, until).SetProperty(j => j.Bytes, p.Bytes)
                    .SetProperty(j => j.Rows, p.Rows).SetProperty(j => j.Created, p.Created).SetProperty(j => j.Updated, p.Updated)
                    .SetProperty(j => j.Unchanged, p.Unchanged).SetProperty(j => j.Rejected, p.Rejected)) == 1;
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not write the progress of import {Id}; its lease runs on.", id);
            return null;
        }
    }

    /// <summary>
    /// Done with its report, or failed with its error; the file goes in the same transaction. Written
    /// even while the shop stops: the work is finished, and not writing it down would run it again.
    /// </summary>
    public async Task EndAsync(Guid id, Guid claim, string state, ImportReport? report, string? error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var json = report is null ? null : ProductImport.Serialize(report);
        error = error is { Length: > ProductImport.MaxError } ? error[..ProductImport.MaxError] : error;
        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var ended = await db.Set<ProductImport>().Where(j => j.Id == id && j.LockedBy == claim && j.State == Running)
            .ExecuteUpdateAsync(u =>
            {
                u.SetProperty(j => j.State, state).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.LockedUntil, (DateTime?)null)
                    .SetProperty(j => j.Report, json).SetProperty(j => j.Error, error);
                if (report is not null)
                    u.SetProperty(j => j.Bytes, j => j.TotalBytes).SetProperty(j => j.Rows, report.Rows).SetProperty(j => j.Created, report.Created)
                        .SetProperty(j => j.Updated, report.Updated).SetProperty(j => j.Unchanged, report.Unchanged)
                        .SetProperty(j => j.Rejected, report.RejectedCount);
            }, CancellationToken.None);
        if (ended == 0)
        {
            log.LogWarning("Import {Id} ended here after another instance had taken it over; that run reports it.", id);
            return;
        }
        await db.Set<ProductImportFile>().Where(f => f.ImportId == id).ExecuteDeleteAsync(CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>The shop is stopping: the import waits again, now, for another instance, and this run does not count as an attempt.</summary>
    public Task HandBackAsync(Guid id, Guid claim) => ReleaseAsync(id, claim, countAttempt: false);

    /// <summary>The run failed: the import waits again for its next attempt.</summary>
    public Task PutBackAsync(Guid id, Guid claim) => ReleaseAsync(id, claim, countAttempt: true);

    private async Task ReleaseAsync(Guid id, Guid claim, bool countAttempt)
    {
        var undo = countAttempt ? 0 : 1;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ShopDb>().Set<ProductImport>()
                .Where(j => j.Id == id && j.LockedBy == claim && j.State == Running)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.State, Queued).SetProperty(j => j.LockedBy, (Guid?)null)
                    .SetProperty(j => j.LockedUntil, (DateTime?)null)
                    .SetProperty(j => j.Attempts, j => j.Attempts - undo), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The database is out of reach: the lease running out hands the import over instead.
            log.LogWarning(e, "Could not hand back import {Id}; its lease will run out.", id);
        }
    }
}
