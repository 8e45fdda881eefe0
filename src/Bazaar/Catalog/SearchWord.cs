namespace Bazaar.Catalog;

/// <summary>
/// A Latin word some product's name or SKU contains (PostgreSQL keeps the list with a trigger on
/// Products): what a misspelt query word is corrected to. SQLite reads the same from FTS5's vocabulary.
/// </summary>
public sealed class SearchWord
{
    public const int MaxLength = 50;
    public string Word { get; set; } = "";
}
