using System.Threading.Channels;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>
/// Runs the back office's uploaded imports, away from the request that uploaded them (100,000 rows
/// take longer than a browser or a proxy waits), on every instance, one import at a time across the
/// cluster: two at once would fight over the same rows and, on SQLite, the one writer. An import is
/// claimed with one conditional UPDATE (<see cref="ImportClaims"/>) that sets a lease; each progress
/// write renews it. An instance that dies leaves its lease to run out, and the next instance starts
/// the file again from the top, which is safe because import creates or updates by SKU (rows already
/// imported come out unchanged). An instance that stops hands its import back at once.
/// </summary>
public sealed class RunProductImports(IServiceScopeFactory scopes, IConfiguration config, IHostEnvironment env, TimeProvider clock,
    ILogger<RunProductImports> log) : BackgroundService
{
    /// <summary>Runs begun before an import is given up: a file that keeps killing or failing its instance is not retried for ever.</summary>
    public const int MaxAttempts = 3;
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(60);
    /// <summary>How often a running import writes its progress (and renews its lease): the status page's pace, not the file's.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an import is its instance's without a progress write (`Imports:Lease`, at least 10 s):
    /// also how long a dead instance's import waits before another instance takes it over.
    /// </summary>
    public TimeSpan Lease { get; } = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(10).Ticks,
        config.GetValue("Imports:Lease", DefaultLease).Ticks));

    private readonly Channel<bool> _bell = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ImportClaims _claims = new(scopes, clock, log);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Before imports lived in the database, uploads waited as files under the data directory's
    /// `imports` folder, and their jobs in the memory of a shop that has since stopped: nobody can
    /// run or see them any more, and each may be 50 MB of customer-facing product data on disk.
    /// </summary>
    private void ForgetOldUploads()
    {
        var folder = Path.Combine(StoragePaths.DataDirectory(config, env), "imports");
        try
        {
            if (!Directory.Exists(folder))
                return;
            foreach (var file in Directory.EnumerateFiles(folder, "*.csv"))
                File.Delete(file);
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
            log.LogInformation("Deleted the uploads an earlier version left in {Folder}.", folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.LogWarning(e, "Could not delete the old import uploads in {Folder}.", folder);
        }
    }

    /// <summary>An upload on this instance starts at once rather than at the next poll.</summary>
    public void Wake() => _bell.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Task.Delay takes at most ~49 days; anything outside [10 ms, 40 days] is a typo, not a wish.
        var interval = config.GetValue("Imports:PollInterval", TimeSpan.FromSeconds(2));
        interval = TimeSpan.FromTicks(Math.Clamp(interval.Ticks, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromDays(40).Ticks));
        ForgetOldUploads();
        while (!stoppingToken.IsCancellationRequested)
        {
            await NextTurnAsync(interval, stoppingToken);
            try
            {
                await using (var scope = scopes.CreateAsyncScope())
                    await ProductImportQueue.ForgetFinishedAsync(scope.ServiceProvider.GetRequiredService<ShopDb>(), clock, stoppingToken);
                while (await RunOnceAsync(stoppingToken)) { }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Running the product imports failed; the next poll tries again.");
            }
        }
    }

    private async Task NextTurnAsync(TimeSpan interval, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Task.WhenAny(_bell.Reader.WaitToReadAsync(either.Token).AsTask(), Task.Delay(interval, clock, either.Token));
        await either.CancelAsync();
        _bell.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Claims the next import, if no instance is running one, and runs it to its end. True when
    /// another may be waiting behind it; false when there was nothing to take or this instance let
    /// its import go (stopping, or its lease ran out), so the caller does not take it straight back.
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken stopping)
    {
        var claim = Guid.NewGuid();
        if (await _claims.ClaimAsync(claim, Lease, stopping) is not { } job)
            return false;
        if (job.Attempts > MaxAttempts)
        {
            await _claims.EndAsync(job.Id, claim, ProductImportStatus.Failed, null,
                $"The import was interrupted {MaxAttempts} times (the instance running it stopped or lost the database), so it was given up. " +
                "The batches written before stay; import the file again to finish it.");
            return true;
        }

        using var lease = new CancellationTokenSource(Lease, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, lease.Token);
        try
        {
            if (await _claims.FileAsync(job.Id, either.Token) is not { } file)
            {
                await _claims.EndAsync(job.Id, claim, ProductImportStatus.Failed, null, "The uploaded file of this import is gone; upload it again.");
                return true;
            }
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportProducts>();
            var outcome = await import.HandleAsync(new MemoryStream(file, writable: false), job.FileName, job.By,
                new LeasedProgress(this, job.Id, claim, lease), either.Token);
            if (outcome.Succeeded)
                await _claims.EndAsync(job.Id, claim, ProductImportStatus.Done, outcome.Value, null);
            else
                await _claims.EndAsync(job.Id, claim, ProductImportStatus.Failed, null, outcome.Problem!.Detail ?? outcome.Problem.Title);
            return true;
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            await _claims.HandBackAsync(job.Id, claim);
            return false;
        }
        catch (Exception) when (lease.IsCancellationRequested)
        {
            log.LogWarning("Import {Id} of {File} lost its lease (no progress for {Lease}, or another instance took it over); it stops here.",
                job.Id, job.FileName, Lease);
            return false;
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Id} of {File} failed on attempt {Attempt}.", job.Id, job.FileName, job.Attempts);
            var error = $"The import failed: {e.Message} The batches written before stay; import the file again to finish it.";
            if (job.Attempts >= MaxAttempts)
                await _claims.EndAsync(job.Id, claim, ProductImportStatus.Failed, null, error);
            else
                await _claims.PutBackAsync(job.Id, claim);
            return true;
        }
    }

    /// <summary>
    /// On the import's own thread, in order (Progress&lt;T&gt; would post them to the thread pool): at most
    /// every <see cref="ProgressEvery"/> the figures are written and the lease renewed. A renewal that
    /// finds the import taken over cancels the run, so two instances never go on with one import.
    /// </summary>
    private sealed class LeasedProgress(RunProductImports runner, Guid id, Guid claim, CancellationTokenSource lease) : IProgress<ImportProgress>
    {
        private DateTime _written = runner.Now;

        public void Report(ImportProgress value)
        {
            var now = runner.Now;
            if (now - _written < ProgressEvery || lease.IsCancellationRequested)
                return;
            _written = now;
            switch (runner._claims.Renew(id, claim, value, now + runner.Lease))
            {
                case true:
                    lease.CancelAfter(runner.Lease);
                    break;
                case false:
                    lease.Cancel();
                    break;
                // Unknown (the database did not answer): the lease already running decides.
            }
        }
    }
}
