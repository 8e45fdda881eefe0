using System.Globalization;
using CsvHelper;

namespace Bazaar.Catalog;

/// <summary>
/// The product file that import reads and export writes: UTF-8 CSV (with or without a byte order
/// mark), comma-separated, RFC 4180 quoting, a header row naming the columns in any order.
/// <code>sku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published</code>
/// sku, nameZh, nameEn, price and category (the category's slug) are required columns; the others
/// may be left out, and a column that is left out, or a cell left empty where the column is optional,
/// leaves that value of an existing product as it is. Unknown columns are ignored.
/// </summary>
public static class ProductCsv
{
    public const string Sku = "sku", NameZh = "nameZh", NameEn = "nameEn", DescriptionZh = "descriptionZh",
        DescriptionEn = "descriptionEn", Price = "price", Category = "category", Stock = "stock", Published = "published";

    /// <summary>In the order export writes them.</summary>
    public static readonly string[] Columns = [Sku, NameZh, NameEn, DescriptionZh, DescriptionEn, Price, Category, Stock, Published];

    public static readonly string[] RequiredColumns = [Sku, NameZh, NameEn, Price, Category];

    /// <summary>
    /// A product row is a few kilobytes at most (4,000-character descriptions, 3 bytes a Chinese
    /// character); a record past 1 MiB is a quote that never closed, and must not make the reader
    /// swallow a 50 MB upload into one field.
    /// </summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>
    /// The separator is fixed rather than detected: a file whose first lines happen to hold more
    /// semicolons than commas must not be read as another format. Line numbers are tracked so every
    /// rejection names the line a spreadsheet shows.
    /// </summary>
    public static CsvReaderOptions ReaderOptions(Action<CsvMalformedRecord> onMalformed) => CsvReaderOptions.Default with
    {
        Separator = ',',
        HasHeader = true,
        TrackLineNumbers = true,
        SkipEmptyLines = true,
        MaxRecordSize = MaxRecordBytes,
        OnMalformedRecord = onMalformed,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// With a byte order mark, so Excel opens the Chinese text as UTF-8. Text that starts like a
    /// formula (=, +, -, @) gets a leading apostrophe, so a spreadsheet shows it instead of running
    /// it; import takes the apostrophe off again (<see cref="Cell"/>), so a round trip changes nothing.
    /// </summary>
    public static CsvWriterOptions WriterOptions => CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private static readonly char[] InjectionCharacters = ['=', '@', '+', '-', '\t', '\r'];

    /// <summary>A cell as import uses it: trimmed, and without the apostrophe export put before a formula-like text.</summary>
    public static string Cell(string raw)
    {
        var value = raw.Trim();
        return value.Length > 1 && value[0] == '\'' && InjectionCharacters.Contains(value[1]) ? value[1..] : value;
    }

    /// <summary>A header name as it is matched: trimmed and case-insensitive ("NameZh", " price ").</summary>
    public static string? KnownColumn(string header) =>
        Columns.FirstOrDefault(c => string.Equals(c, header.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string FormatPrice(decimal price) => price.ToString("0.00", CultureInfo.InvariantCulture);

    public static string FormatPublished(bool published) => published ? "true" : "false";

    /// <summary>12.50, also with a sign so that -5 reaches the price rule and reads "more than 0" rather than "not a number".</summary>
    public static bool TryParsePrice(string text, out decimal price) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out price);

    public static bool TryParseStock(string text, out int stock) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out stock);

    /// <summary>What spreadsheets and people write for yes and no, in both languages of the shop.</summary>
    public static bool? ParsePublished(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" or "是" or "上架" => true,
        "false" or "no" or "n" or "0" or "否" or "下架" => false,
        _ => null,
    };
}
