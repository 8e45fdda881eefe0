using Bazaar.Platform.Data;

namespace Bazaar.Catalog;

/// <summary>
/// Runs the back office's uploaded imports one after another, away from the request that uploaded
/// them (100,000 rows take longer than a browser or a proxy waits). The uploaded file is deleted
/// when its import ends, however it ends.
/// </summary>
public sealed class RunProductImports(ProductImportQueue queue, IServiceScopeFactory scopes, IConfiguration config,
    IHostEnvironment env, TimeProvider clock, ILogger<RunProductImports> log) : BackgroundService
{
    /// <summary>Where uploads wait for their turn: under the shop's data directory, which operators size and back up.</summary>
    public static string UploadDirectory(IConfiguration config, IHostEnvironment env)
    {
        var dir = Path.Combine(StoragePaths.DataDirectory(config, env), "imports");
        Directory.CreateDirectory(dir);
        return dir;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ForgetOrphans();
        await foreach (var job in queue.Pending.ReadAllAsync(stoppingToken))
            await RunAsync(job, stoppingToken);
    }

    public async Task RunAsync(ProductImportJob job, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var import = scope.ServiceProvider.GetRequiredService<ImportProducts>();
            await using var file = new FileStream(job.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
            job.Report(new ImportProgress(0, file.Length, 0, 0, 0, 0, 0));
            var outcome = await import.HandleAsync(file, job.FileName, job.By, new Inline(job.Report), ct);
            if (outcome.Succeeded)
                job.Finish(outcome.Value!, Now);
            else
                job.Fail(outcome.Problem!.Detail ?? outcome.Problem.Title, Now);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Fail("The shop stopped during the import. The batches written before stay; import the file again " +
                     "(rows already imported come out unchanged).", Now);
        }
        catch (Exception e)
        {
            log.LogError(e, "Import {Id} of {File} failed.", job.Id, job.FileName);
            job.Fail($"The import failed: {e.Message} The batches written before stay; import the file again to finish it.", Now);
        }
        finally
        {
            TryDelete(job.Path);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Uploads a previous run of the shop never got to: their jobs lived in its memory, so nobody
    /// can see them any more. Only old ones, in case another instance shares the directory.
    /// </summary>
    private void ForgetOrphans()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(UploadDirectory(config, env), "*.csv"))
                if (File.GetLastWriteTimeUtc(file) < DateTime.UtcNow.AddDays(-1))
                    TryDelete(file);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Could not clean the import upload directory.");
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            log.LogWarning(e, "Could not delete the uploaded import file {Path}.", path);
        }
    }

    /// <summary>On the import's own thread, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Inline(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
