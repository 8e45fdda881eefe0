using Bazaar.Platform.Web;

namespace Bazaar.Catalog;

/// <summary>
/// Takes an uploaded CSV for the back office: checks what can be checked at once (a file, its size,
/// its kind, UTF-8, a header with the required columns), so a wrong file is answered right away,
/// then saves it and queues the import (<see cref="RunProductImports"/>). Returns the import's id.
/// </summary>
public sealed class StartProductImport(ProductImportQueue queue, IConfiguration config, IHostEnvironment env, TimeProvider clock)
{
    public const long MaxFileBytes = 50L * 1024 * 1024;
    private static readonly string[] Extensions = [".csv", ".txt"];

    public async Task<Result<Guid>> HandleAsync(IFormFile? file, ImportActor by, CancellationToken ct)
    {
        var name = Path.GetFileName(file?.FileName ?? "");
        if (file is null || file.Length == 0)
            return Refuse("Choose a CSV file to import.");
        if (file.Length > MaxFileBytes)
            return Refuse($"The file is {file.Length / 1024.0 / 1024:0.0} MB; an import takes at most {MaxFileBytes / 1024 / 1024} MB. Split it.");
        if (!Extensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase))
            return Refuse("Only CSV files (.csv, or .txt holding CSV) can be imported; save the spreadsheet as 'CSV UTF-8'.");
        if (queue.IsFull)
            return Problem.Conflict($"{ProductImportQueue.MaxWaiting} imports are already waiting; start this one when they have run.");

        var id = Guid.NewGuid();
        var path = Path.Combine(RunProductImports.UploadDirectory(config, env), $"{id:N}.csv");
        Problem? refused;
        try
        {
            await using var saved = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            await file.CopyToAsync(saved, ct);
            saved.Position = 0;
            refused = await ImportProducts.CheckFileAsync(saved, ct);
        }
        catch
        {
            File.Delete(path); // a half-written upload is nobody's
            throw;
        }
        if (refused is not null)
        {
            File.Delete(path);
            return refused;
        }
        queue.Enqueue(new ProductImportJob(id, name.Length > 0 ? name : "upload.csv", path, by, clock.GetUtcNow().UtcDateTime));
        return id;
    }

    private static Problem Refuse(string message) => Problem.Invalid(new FieldErrors().Add("file", message));
}
