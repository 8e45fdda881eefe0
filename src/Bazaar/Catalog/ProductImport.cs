using System.Text.Json;

namespace Bazaar.Catalog;

/// <summary>
/// A back-office import, kept in the shop's database so that every instance sees it and any of them
/// can run it (<see cref="RunProductImports"/>): waiting, running under one instance's lease
/// (LockedBy/LockedUntil, renewed with each progress write), then done with its report or failed.
/// The uploaded file waits beside it in <see cref="ProductImportFile"/> until the import ends.
/// </summary>
public sealed class ProductImport
{
    public const int MaxFileName = 255, MaxActorName = 100, MaxError = 4000;

    public Guid Id { get; set; }
    public string FileName { get; set; } = "";
    public string State { get; set; } = ProductImportStatus.Queued;
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Who uploaded it (<see cref="ImportActor"/>): the audit entry is written in their name by whichever instance runs it.</summary>
    public Guid? ById { get; set; }
    public string ByName { get; set; } = "";

    public long Bytes { get; set; }
    public long TotalBytes { get; set; }
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }

    /// <summary>The <see cref="ImportReport"/> as JSON, rejected rows and all, once the import is done.</summary>
    public string? Report { get; set; }
    public string? Error { get; set; }

    /// <summary>Runs begun; an instance dying mid-run leaves one behind, and after <see cref="RunProductImports.MaxAttempts"/> the import is given up.</summary>
    public int Attempts { get; set; }
    public Guid? LockedBy { get; set; }
    public DateTime? LockedUntil { get; set; }

    public ImportActor By => new(ById, ByName);

    public ProductImportStatus ToStatus()
    {
        // A waiting import has no progress yet: the page shows an empty bar rather than "0 of 0 bytes".
        var progress = State == ProductImportStatus.Queued ? null
            : new ImportProgress(Bytes, TotalBytes, Rows, Created, Updated, Unchanged, Rejected);
        var report = Report is null ? null : JsonSerializer.Deserialize<ImportReport>(Report, JsonSerializerOptions.Web);
        return new ProductImportStatus(Id, FileName, State, QueuedAt, progress, report, Error);
    }

    public static string Serialize(ImportReport report) => JsonSerializer.Serialize(report, JsonSerializerOptions.Web);
}

/// <summary>An uploaded file waiting for its import, in the database because instances on different machines share no disk.</summary>
public sealed class ProductImportFile
{
    public Guid ImportId { get; set; }
    public byte[] Content { get; set; } = [];
}
