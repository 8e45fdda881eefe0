using System.Collections.Concurrent;
using System.Threading.Channels;

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

/// <summary>One uploaded file waiting for, or going through, <see cref="RunProductImports"/>.</summary>
public sealed class ProductImportJob(Guid id, string fileName, string path, ImportActor by, DateTime queuedAt)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid Id => id;
    public string Path => path;
    public ImportActor By => by;
    public string FileName => fileName;

    /// <summary>Replaced whole, never changed in place: a request reading it sees one consistent moment.</summary>
    public ProductImportStatus Status { get; private set; } = new(id, fileName, ProductImportStatus.Queued, queuedAt, null, null, null);

    /// <summary>Completes when the import is done or has failed, for whoever must wait for it (tests, a shutdown).</summary>
    public Task Finished => _finished.Task;

    public DateTime? FinishedAt { get; private set; }

    internal void Report(ImportProgress progress) => Status = Status with { State = ProductImportStatus.Running, Progress = progress };

    internal void Finish(ImportReport report, DateTime at) => End(Status with { State = ProductImportStatus.Done, Report = report }, at);

    internal void Fail(string error, DateTime at) => End(Status with { State = ProductImportStatus.Failed, Error = error }, at);

    private void End(ProductImportStatus status, DateTime at)
    {
        FinishedAt = at;
        Status = status;
        _finished.TrySetResult();
    }
}

/// <summary>
/// The back office's imports, one at a time in arrival order (two imports at once would only fight
/// over the same rows and, on SQLite, the one writer). Kept in this instance's memory: an import's
/// page polls the instance that took the upload, and a finished import is forgotten after a day.
/// In a cluster the load balancer must therefore send an operator back to the same instance (or
/// run imports from the command line).
/// </summary>
public sealed class ProductImportQueue(TimeProvider clock)
{
    /// <summary>Uploads waiting beyond this are refused: each holds up to 50 MB of disk.</summary>
    public const int MaxWaiting = 5;
    private static readonly TimeSpan KeepFinished = TimeSpan.FromDays(1);

    private readonly Channel<ProductImportJob> _pending = Channel.CreateUnbounded<ProductImportJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, ProductImportJob> _jobs = new();

    public ProductImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    public bool IsFull => _jobs.Values.Count(j => j.Status.State == ProductImportStatus.Queued) >= MaxWaiting;

    public void Enqueue(ProductImportJob job)
    {
        var forgetBefore = clock.GetUtcNow().UtcDateTime - KeepFinished;
        foreach (var old in _jobs.Values.Where(j => j.FinishedAt < forgetBefore))
            _jobs.TryRemove(old.Id, out _);
        _jobs[job.Id] = job;
        _pending.Writer.TryWrite(job);
    }

    internal ChannelReader<ProductImportJob> Pending => _pending.Reader;
}
