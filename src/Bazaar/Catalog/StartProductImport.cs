using Bazaar.Platform.Web;

namespace Bazaar.Catalog;

/// <summary>
/// Takes an uploaded CSV for the back office: checks what can be checked at once (a file, its size,
/// its kind, UTF-8, a header with the required columns), so a wrong file is answered right away,
/// then saves it with its import in the database and wakes this instance's <see cref="RunProductImports"/>
/// (any other instance would otherwise find it at its next poll). Returns the import's id.
/// </summary>
public sealed class StartProductImport(ProductImportQueue queue, RunProductImports runner, TimeProvider clock)
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
        if (await queue.IsFullAsync(ct))
            return Problem.Conflict($"{ProductImportQueue.MaxWaiting} imports are already waiting; start this one when they have run.");

        var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        content.Position = 0;
        if (await ImportProducts.CheckFileAsync(content, ct) is { } refused)
            return refused;

        var job = new ProductImport
        {
            Id = Guid.NewGuid(), FileName = Shorten(name.Length > 0 ? name : "upload.csv", ProductImport.MaxFileName),
            QueuedAt = clock.GetUtcNow().UtcDateTime, ById = by.Id, ByName = Shorten(by.Name, ProductImport.MaxActorName),
            TotalBytes = content.Length,
        };
        // The stream was sized to the file: its own buffer is the file, without a second 50 MB copy.
        var bytes = content.Length == content.Capacity ? content.GetBuffer() : content.ToArray();
        await queue.EnqueueAsync(job, bytes, ct);
        runner.Wake();
        return job.Id;
    }

    /// <summary>A name longer than its column keeps its end, where a file's extension is.</summary>
    private static string Shorten(string text, int max) => text.Length <= max ? text : text[^max..];

    private static Problem Refuse(string message) => Problem.Invalid(new FieldErrors().Add("file", message));
}
