using System.Buffers;
using System.Data.Common;
using System.Text.Unicode;
using Bazaar.Inventory;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Catalog;

/// <summary>How far an import is: bytes of the file read (the surest measure of the whole), rows and their fate so far.</summary>
public sealed record ImportProgress(long Bytes, long? TotalBytes, int Rows, int Created, int Updated, int Unchanged, int Rejected)
{
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1, (double)Bytes / TotalBytes.Value) : null;
}

/// <param name="Line">The physical line of the file where the row starts (the header is line 1), as a spreadsheet numbers it.</param>
public sealed record RejectedRow(int Line, string? Sku, string Reason);

/// <param name="Rejected">Every rejected row, up to <see cref="ImportProducts.MaxListedRejections"/>; <paramref name="RejectedCount"/> counts them all.</param>
/// <param name="Stopped">Why reading stopped before the end of the file (a quote never closed); the rows before it were imported.</param>
public sealed record ImportReport(int Rows, int Created, int Updated, int Unchanged, int RejectedCount,
    IReadOnlyList<RejectedRow> Rejected, string? Stopped)
{
    public bool AllImported => RejectedCount == 0 && Stopped is null;
}

/// <summary>Who runs an import, for the audit log: the operator signed in to the back office, or the shell user of the command line.</summary>
public sealed record ImportActor(Guid? Id, string Name);

/// <summary>
/// Creates and updates products from a CSV file (<see cref="ProductCsv"/>), matched by SKU. The
/// whole file is refused before anything is written when it is not UTF-8 or its header lacks a
/// required column. Otherwise every row is checked with the product editor's rules
/// (<see cref="SaveProduct.Validate"/>), a known category and a SKU not already earlier in the file;
/// good rows are written in batches of <see cref="BatchSize"/>, one transaction each, and a bad row
/// is reported with its line and reason. A row is all or nothing: when its stock cannot be set (below
/// what orders hold), the batch is rolled back and written again without it.
/// </summary>
public sealed class ImportProducts(ShopDb db, IInventory inventory, IAuditLog audit, TimeProvider clock, ILogger<ImportProducts> log, ProductCache cache)
{
    public const int BatchSize = 1_000;
    public const int MaxListedRejections = 100_000;
    private const int Utf8ProbeBytes = 64 * 1024;

    public async Task<Result<ImportReport>> HandleAsync(Stream csv, string fileName, ImportActor by,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var totalBytes = csv.CanSeek ? csv.Length : (long?)null;
        if (await NotUtf8Async(csv, ct) is { } encoding)
            return encoding;
        // Reported by the reader just before it returns the (recovered) record, keyed by its first line.
        var malformed = new Dictionary<long, CsvMalformedReason>();
        await using var reader = CsvReader.Create(csv, ProductCsv.ReaderOptions(m => malformed[m.LineNumber] = m.Reason), leaveOpen: true);
        var header = await ReadHeaderAsync(reader, ct);
        if (!header.Succeeded)
            return header.Problem!;

        var categories = await db.Set<Category>().AsNoTracking()
            .ToDictionaryAsync(c => c.Slug, c => c.Id, StringComparer.OrdinalIgnoreCase, ct);
        var rows = new ImportRowReader(header.Value!, categories);
        var tally = new Tally();
        var batch = new List<ImportRow>(BatchSize);
        string? stopped = null;
        void Report() => progress?.Report(new ImportProgress(reader.ByteOffset, totalBytes, tally.Rows, tally.Created,
            tally.Updated, tally.Unchanged, tally.RejectedCount));

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                try
                {
                    if (!await reader.ReadAsync(ct))
                        break;
                }
                catch (CsvFormatException e)
                {
                    stopped = $"Line {e.LineNumber}: {e.Message.TrimEnd('.')}. The rest of the file was not read; the rows before it were.";
                    break;
                }
                tally.Rows++;
                var row = rows.Read(reader, malformed.Remove(reader.LineNumber, out var reason) ? reason : null);
                if (row.Rejected is { } rejected)
                    tally.Reject(rejected);
                else
                    batch.Add(row.Row!);
                if (batch.Count == BatchSize)
                {
                    await WriteAsync(batch, tally, ct);
                    batch.Clear();
                    Report();
                }
                else if (tally.Rows % 250 == 0)
                    Report();
            }
            await WriteAsync(batch, tally, ct);
        }
        catch (Exception e)
        {
            // Committed batches stay, so the record must say the import happened, and how far it got.
            var note = e is OperationCanceledException ? "interrupted" : $"failed: {e.Message}";
            try
            {
                await AuditAsync(fileName, by, tally, $"{note}; the batches written before stay", CancellationToken.None);
            }
            catch (Exception auditFailure)
            {
                log.LogError(auditFailure, "The audit entry of an import that stopped could not be written.");
            }
            throw;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        progress?.Report(new ImportProgress(totalBytes ?? reader.ByteOffset, totalBytes, tally.Rows, tally.Created,
            tally.Updated, tally.Unchanged, tally.RejectedCount));
        await AuditAsync(fileName, by, tally, stopped, ct);
        // Rows refused while writing join the list after later rows refused while reading: file order again.
        return new ImportReport(tally.Rows, tally.Created, tally.Updated, tally.Unchanged, tally.RejectedCount,
            tally.Rejected.OrderBy(r => r.Line).ToList(), stopped);
    }

    /// <summary>
    /// The checks that refuse a whole file, without reading past its header: the door that takes an
    /// upload answers at once, before the import queues. The stream is left where it was.
    /// </summary>
    public static async Task<Problem?> CheckFileAsync(Stream csv, CancellationToken ct)
    {
        var start = csv.Position;
        try
        {
            if (await NotUtf8Async(csv, ct) is { } encoding)
                return encoding;
            await using var reader = CsvReader.Create(csv, ProductCsv.ReaderOptions(_ => { }), leaveOpen: true);
            var header = await ReadHeaderAsync(reader, ct);
            return header.Problem;
        }
        finally
        {
            csv.Position = start;
        }
    }

    /// <summary>
    /// Excel and WPS on a Chinese Windows save "CSV" as GBK unless told otherwise; read as UTF-8 that
    /// would import every name as replacement characters. The start of the file decides before
    /// anything is written; a bad byte further down still rejects its own row (<see cref="ImportRowReader"/>).
    /// </summary>
    private static async Task<Problem?> NotUtf8Async(Stream csv, CancellationToken ct)
    {
        if (!csv.CanSeek)
            return null;
        var start = csv.Position;
        var bytes = ArrayPool<byte>.Shared.Rent(Utf8ProbeBytes);
        var chars = ArrayPool<char>.Shared.Rent(Utf8ProbeBytes);
        try
        {
            var n = await csv.ReadAtLeastAsync(bytes.AsMemory(0, Utf8ProbeBytes), Utf8ProbeBytes, throwOnEndOfStream: false, ct);
            csv.Position = start;
            // UTF-16 with its byte order mark is read (transcoded) too: some tools save "Unicode text" that way.
            if (n >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
                return null;
            // Not the final block unless the file ended: a character cut at the probe's edge is not an error.
            var status = Utf8.ToUtf16(bytes.AsSpan(0, n), chars, out _, out _, replaceInvalidSequences: false,
                isFinalBlock: n < Utf8ProbeBytes);
            return status == OperationStatus.InvalidData ? FileProblem(ImportRowReader.NotUtf8) : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static async Task<Result<int[]>> ReadHeaderAsync(CsvReader reader, CancellationToken ct)
    {
        try
        {
            await reader.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            return FileProblem($"The header row cannot be read: {e.Message}");
        }
        var headers = reader.Headers;
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            return FileProblem($"The file is empty. Its first line must be the header: {string.Join(',', ProductCsv.Columns)}.");
        var index = Enumerable.Repeat(-1, ProductCsv.Columns.Length).ToArray();
        for (var i = 0; i < headers.Count; i++)
        {
            if (ProductCsv.KnownColumn(headers[i]) is not { } column)
                continue; // other columns (notes, a supplier's code) are the operator's own
            var k = Array.IndexOf(ProductCsv.Columns, column);
            if (index[k] >= 0)
                return FileProblem($"The column '{column}' appears twice in the header (columns {index[k] + 1} and {i + 1}); keep one.");
            index[k] = i;
        }
        var missing = ProductCsv.RequiredColumns.Where(c => index[Array.IndexOf(ProductCsv.Columns, c)] < 0).ToList();
        if (missing.Count > 0)
            return FileProblem($"The header has no {string.Join(", ", missing)} column{(missing.Count > 1 ? "s" : "")}, so nothing was imported. " +
                $"Required: {string.Join(", ", ProductCsv.RequiredColumns)}; optional: " +
                $"{string.Join(", ", ProductCsv.Columns.Except(ProductCsv.RequiredColumns))}. The first line must be the header.");
        return index;
    }

    private static Problem FileProblem(string message) => Problem.Invalid(new FieldErrors().Add("file", message));

    /// <summary>
    /// One batch, in one transaction. Rows refused while writing (stock below what orders hold) are
    /// rejected and the batch is written again without them, so none of their changes remain. A
    /// database error that no row owns up to (a SKU inserted by someone else meanwhile) sends the
    /// batch through again one row at a time, which finds the row and lets the others land.
    /// </summary>
    private async Task WriteAsync(List<ImportRow> rows, Tally tally, CancellationToken ct)
    {
        var pending = rows;
        while (pending.Count > 0)
        {
            var attempt = await AttemptAsync(pending, ct);
            if (attempt.Error is { } error)
            {
                if (pending.Count == 1)
                {
                    tally.Reject(new RejectedRow(pending[0].Line, pending[0].Sku, $"Could not be saved: {(error.InnerException ?? error).Message}"));
                    return;
                }
                log.LogInformation("An import batch failed ({Error}); writing its {Count} rows one at a time.", error.Message, pending.Count);
                foreach (var row in pending)
                    await WriteAsync([row], tally, ct);
                return;
            }
            if (attempt.Refused.Count == 0)
            {
                tally.Created += attempt.Created;
                tally.Updated += attempt.Updated;
                tally.Unchanged += attempt.Unchanged;
                return;
            }
            foreach (var refused in attempt.Refused)
                tally.Reject(refused);
            var lines = attempt.Refused.Select(r => r.Line).ToHashSet();
            pending = pending.Where(r => !lines.Contains(r.Line)).ToList();
        }
    }

    private sealed record Attempt(int Created, int Updated, int Unchanged, List<RejectedRow> Refused, Exception? Error = null);

    private async Task<Attempt> AttemptAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var attempt = await WriteRowsAsync(rows, ct);
            if (attempt.Refused.Count == 0)
            {
                await tx.CommitAsync(ct);
                if (attempt.Updated > 0)
                    await cache.ForgetAllAsync(ct); // one message for the batch, not one per product
            }
            return attempt; // otherwise disposing the transaction rolls the whole batch back
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            return new Attempt(0, 0, 0, [], e);
        }
        finally
        {
            // Tracked products would slow every later batch's change detection, and after a rollback they lie.
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Attempt> WriteRowsAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var skus = rows.Select(r => r.Sku).ToList();
        var existing = await db.Set<Product>().Where(p => skus.Contains(p.Sku)).ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, ct);
        var updated = new HashSet<int>();
        var fresh = new List<(ImportRow Row, Product Product)>();
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Sku, out var product))
                fresh.Add((row, row.NewProduct(now)));
            else if (row.ApplyTo(product, now))
                updated.Add(row.Line);
        }
        await db.SaveChangesAsync(ct);
        // Every later SaveChanges (Inventory saves a stock movement per row) would otherwise scan the
        // batch's tracked products again: quadratic in the batch size. Only their ids and SKUs are needed.
        db.ChangeTracker.Clear();

        var ids = await BulkInsertProducts.TakeIdsAsync(db, fresh.Count, ct);
        for (var i = 0; i < fresh.Count; i++)
            fresh[i].Product.Id = ids[i];
        await BulkInsertProducts.WriteAsync(db, fresh.Select(f => f.Product), ct);
        await inventory.StockNewProductsAsync(fresh.Select(f => new NewStock(f.Product.Id, f.Product.Sku, f.Row.Stock ?? 0)).ToList(), ct);

        // One stock row at a time through Inventory's own guarded update: it alone knows what orders hold.
        var refused = new List<RejectedRow>();
        foreach (var row in rows)
        {
            if (row.Stock is not { } stock || !existing.TryGetValue(row.Sku, out var product))
                continue;
            if ((await inventory.GetAsync(product.Id, ct))?.OnHand == stock)
                continue;
            var set = await inventory.SetOnHandAsync(product.Id, product.Sku, stock, ct);
            db.ChangeTracker.Clear(); // the movement it saved, for the same reason
            if (set.Succeeded)
                updated.Add(row.Line);
            else
                refused.Add(new RejectedRow(row.Line, row.Sku, set.Problem!.Detail ?? set.Problem.Title));
        }
        return new Attempt(fresh.Count, updated.Count, rows.Count - fresh.Count - updated.Count, refused);
    }

    private async Task AuditAsync(string fileName, ImportActor by, Tally t, string? note, CancellationToken ct) =>
        await audit.RecordNowAsync("product.imported", $"products from {Path.GetFileName(fileName)}",
            $"{t.Rows} rows: {t.Created} created, {t.Updated} updated, {t.Unchanged} unchanged, {t.RejectedCount} rejected" +
            (note is null ? "" : $"; {note}"), ct, by.Id, by.Name);

    private sealed class Tally
    {
        public int Rows, Created, Updated, Unchanged, RejectedCount;
        public List<RejectedRow> Rejected { get; } = [];

        public void Reject(RejectedRow row)
        {
            RejectedCount++;
            if (Rejected.Count < MaxListedRejections)
                Rejected.Add(row);
        }
    }
}
