using CsvHelper;

namespace Bazaar.Catalog;

/// <summary>
/// A row of an import file that passed every check, trimmed. A null description, stock or
/// publication means the file does not say, and an existing product keeps what it has.
/// </summary>
internal sealed record ImportRow(int Line, string Sku, string NameZh, string NameEn, string? DescriptionZh,
    string? DescriptionEn, decimal Price, int CategoryId, int? Stock, bool? Published)
{
    /// <summary>A new product starts as a draft unless the file says otherwise, as in the product editor.</summary>
    public Product NewProduct(DateTime now)
    {
        var p = new Product
        {
            Sku = Sku, NameZh = NameZh, NameEn = NameEn, DescriptionZh = DescriptionZh ?? "", DescriptionEn = DescriptionEn ?? "",
            Price = Price, Currency = "CNY", CategoryId = CategoryId, IsPublished = Published ?? false, CreatedAt = now, UpdatedAt = now,
        };
        p.RefreshSearchText();
        return p;
    }

    /// <summary>
    /// Changes the product to what the row says; false, touching nothing, when it already is so. A
    /// re-imported export then writes nothing (no UpdatedAt bump, no search index churn).
    /// </summary>
    public bool ApplyTo(Product p, DateTime now)
    {
        var same = p.NameZh == NameZh && p.NameEn == NameEn && p.Price == Price && p.CategoryId == CategoryId
                   && (DescriptionZh is null || p.DescriptionZh == DescriptionZh)
                   && (DescriptionEn is null || p.DescriptionEn == DescriptionEn)
                   && (Published is null || p.IsPublished == Published);
        if (same)
            return false;
        p.NameZh = NameZh;
        p.NameEn = NameEn;
        p.DescriptionZh = DescriptionZh ?? p.DescriptionZh;
        p.DescriptionEn = DescriptionEn ?? p.DescriptionEn;
        p.Price = Price;
        p.CategoryId = CategoryId;
        p.IsPublished = Published ?? p.IsPublished;
        p.UpdatedAt = now;
        p.RefreshSearchText();
        return true;
    }
}

/// <summary>
/// Turns the reader's current record into an <see cref="ImportRow"/> or the reasons it is rejected,
/// every one of them at once so the operator fixes a row in one go. The field rules are the product
/// editor's (<see cref="SaveProduct.Validate"/>); this adds what only a file can get wrong: text that
/// is not a number, a category slug, a broken quote, a SKU twice.
/// </summary>
internal sealed class ImportRowReader(int[] columns, IReadOnlyDictionary<string, int> categories)
{
    public const string NotUtf8 = "The file is not UTF-8 text. Spreadsheets on Chinese Windows save CSV as GBK unless told " +
        "otherwise: in Excel use Save As › 'CSV UTF-8 (comma delimited)'; in WPS or LibreOffice choose the UTF-8 character set.";

    // Positions in ProductCsv.Columns.
    private const int Sku = 0, NameZh = 1, NameEn = 2, DescriptionZh = 3, DescriptionEn = 4, Price = 5, Category = 6, Stock = 7, Published = 8;

    /// <summary>The field keys of SaveProduct.Validate in column order, so reasons read left to right.</summary>
    private static readonly string[] Fields = ["sku", "nameZh", "nameEn", "descriptionZh", "descriptionEn", "price", "categoryId", "stock", "isPublished"];

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);

    public (ImportRow? Row, RejectedRow? Rejected) Read(CsvReader reader, CsvMalformedReason? malformed)
    {
        var line = (int)reader.LineNumber;
        var cells = new string?[columns.Length];
        for (var k = 0; k < columns.Length; k++)
            cells[k] = columns[k] < 0 ? null : ProductCsv.Cell(reader.GetString(columns[k]));
        var sku = cells[Sku] is { Length: > 0 } s ? s : null;

        var reasons = new List<string>();
        // Registered whatever else is wrong with the row: the first line with a SKU is the one that counts.
        if (sku is not null && !_firstLine.TryAdd(sku, line))
            reasons.Add($"SKU {sku} is already on line {_firstLine[sku]}; a SKU may appear once in a file.");
        if (malformed is { } m)
            reasons.Insert(0, Describe(m));
        else if (reader.FieldCount != reader.Headers.Count)
            reasons.Insert(0, $"The row has {reader.FieldCount} fields where the header has {reader.Headers.Count}: a comma or a quote is out of place.");
        else if (cells.Any(c => c is not null && c.Contains('\uFFFD')))
            reasons.Insert(0, "The row holds bytes that are not UTF-8 text; save the file as UTF-8.");
        else
            return Check(line, cells, reasons);
        return (null, new RejectedRow(line, sku, string.Join(" ", reasons)));
    }

    private (ImportRow?, RejectedRow?) Check(int line, string?[] cells, List<string> reasons)
    {
        var own = new Dictionary<string, string>();
        decimal? price = null;
        if (cells[Price] is { Length: > 0 } priceText)
        {
            if (ProductCsv.TryParsePrice(priceText, out var p))
                price = p;
            else
                own["price"] = $"Price '{Clip(priceText)}' is not a number such as 12.50.";
        }
        int? stock = null;
        if (cells[Stock] is { Length: > 0 } stockText)
        {
            if (ProductCsv.TryParseStock(stockText, out var n))
                stock = n;
            else
                own["stock"] = $"Stock '{Clip(stockText)}' is not a whole number.";
        }
        bool? published = null;
        if (cells[Published] is { Length: > 0 } publishedText)
        {
            published = ProductCsv.ParsePublished(publishedText);
            if (published is null)
                own["isPublished"] = $"Published must be true or false (yes/no, 1/0), not '{Clip(publishedText)}'.";
        }
        int? categoryId = null;
        if (cells[Category] is { Length: > 0 } slug)
        {
            if (categories.TryGetValue(slug, out var id))
                categoryId = id;
            else
                own["categoryId"] = $"There is no category '{Clip(slug)}' (name it by its slug, as in the export).";
        }
        var request = new SaveProductRequest(cells[Sku], cells[NameZh], cells[NameEn], cells[DescriptionZh], cells[DescriptionEn],
            price, categoryId, published, stock);
        var invalid = SaveProduct.Validate(request).ToDictionary();
        // A field that did not parse is reported once, as such, rather than also as "required".
        var fieldReasons = Fields.SelectMany(f => own.TryGetValue(f, out var m) ? [m] : invalid.GetValueOrDefault(f) ?? []);
        reasons.InsertRange(0, fieldReasons);
        if (reasons.Count > 0)
            return (null, new RejectedRow(line, cells[Sku] is { Length: > 0 } s ? s : null, string.Join(" ", reasons)));
        return (new ImportRow(line, cells[Sku]!, cells[NameZh]!, cells[NameEn]!, cells[DescriptionZh], cells[DescriptionEn],
            price!.Value, categoryId!.Value, stock, published), null);
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote =>
            "A quote (\") stands inside a field that does not start with one: quote the whole field and double the quote (\"\").",
        CsvMalformedReason.TextAfterClosingQuote =>
            "Text follows a closing quote: a quote inside a quoted field must be doubled (\"\").",
        CsvMalformedReason.UnterminatedQuote =>
            "A quoted field that starts on this line is never closed, so the rest of the file was read into it.",
        _ => $"The row is not well-formed CSV ({reason}).",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
