using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>Where a back-office import is: waiting, running (with its progress), done (with its report) or failed.</summary>
public sealed record ProductImportStatus(Guid Id, string FileName, string State, DateTime QueuedAt, ImportProgress? Progress,
    ImportReport? Report, string? Error)
{
    public const string Queued = "queued", Running = "running", Done = "done", Failed = "failed";

    public bool Finished => State is Done or Failed;

    /// <summary>0 to 100 by bytes read; a finished import is 100 whatever its file size said.</summary>
    public int Percent => Finished ? 100 : (int)Math.Floor(100 * (Progress?.Fraction ?? 0));
}

/// <summary>
/// The back office's imports, in the shop's database (<see cref="ProductImport"/>): any instance
/// takes an upload, any instance runs it (<see cref="RunProductImports"/>, one at a time across the
/// cluster, in arrival order) and any instance reports on it. A finished import is forgotten after a day.
/// </summary>
public sealed class ProductImportQueue(ShopDb db, TimeProvider clock)
{
    /// <summary>Uploads waiting beyond this are refused: each holds up to 50 MB of the database.</summary>
    public const int MaxWaiting = 5;
    public static readonly TimeSpan KeepFinished = TimeSpan.FromDays(1);

    public async Task<ProductImportStatus?> FindAsync(Guid id, CancellationToken ct) =>
        (await db.Set<ProductImport>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct))?.ToStatus();

    public Task<bool> IsFullAsync(CancellationToken ct) =>
        db.Set<ProductImport>().Where(j => j.State == ProductImportStatus.Queued).Skip(MaxWaiting - 1).AnyAsync(ct);

    /// <summary>Saves the import and its file together: a job without its file, or a file without its job, is never seen.</summary>
    public async Task EnqueueAsync(ProductImport job, byte[] file, CancellationToken ct)
    {
        await ForgetFinishedAsync(db, clock, ct);
        db.Add(job);
        db.Add(new ProductImportFile { ImportId = job.Id, Content = file });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Imports finished more than a day ago, with any file left behind (the database deletes it with its import).</summary>
    public static Task<int> ForgetFinishedAsync(ShopDb db, TimeProvider clock, CancellationToken ct)
    {
        var before = clock.GetUtcNow().UtcDateTime - KeepFinished;
        return db.Set<ProductImport>().Where(j => j.FinishedAt != null && j.FinishedAt < before).ExecuteDeleteAsync(ct);
    }
}
