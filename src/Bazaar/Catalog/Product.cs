namespace Bazaar.Catalog;

/// <summary>
/// Something the shop sells. Names and descriptions in Chinese and English; the price is
/// decimal in the product's currency. Stock lives in Inventory, keyed by this product's id.
/// </summary>
public sealed class Product
{
    public const int MaxSku = 64, MaxName = 200, MaxDescription = 4000;

    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string DescriptionZh { get; set; } = "";
    public string DescriptionEn { get; set; } = "";
    public decimal Price { get; set; }
    public string Currency { get; set; } = "CNY";
    public int CategoryId { get; set; }
    public bool IsPublished { get; set; }
    public string? ImageUrl { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Lower-cased name, description and SKU in both languages: the column keyword search runs
    /// over (a trigram GIN index on PostgreSQL), so matching is case-insensitive on every provider.
    /// </summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The storefront search's words (<see cref="SearchTokens"/>) of the names and SKU: a hit here ranks first.</summary>
    public string SearchName { get; private set; } = "";

    /// <summary>The storefront search's words of the descriptions.</summary>
    public string SearchBody { get; private set; } = "";

    /// <summary>Units sold in paid orders, for "sort by sales" (counted as payments arrive).</summary>
    public int UnitsSold { get; set; }

    // A product entered in one language only is shown in that language to everyone.
    public string Name(bool chinese) => Either(chinese ? NameZh : NameEn, chinese ? NameEn : NameZh);
    public string Description(bool chinese) => Either(chinese ? DescriptionZh : DescriptionEn, chinese ? DescriptionEn : DescriptionZh);
    internal static string Either(string wanted, string other) => string.IsNullOrWhiteSpace(wanted) ? other : wanted;
    public string ImageOrGenerated => ImageUrl ?? GeneratedImageUrl(Id, UpdatedAt);

    public static string GeneratedImageUrl(int id, DateTime version) => $"/products/{id}/image.svg?v={version.Ticks:x}";

    public void RefreshSearchText()
    {
        SearchText = BuildSearchText(Sku, NameZh, NameEn, DescriptionZh, DescriptionEn);
        SearchName = SearchTokens.Document(NameZh, NameEn, Sku);
        SearchBody = SearchTokens.Document(DescriptionZh, DescriptionEn);
    }

    public static string BuildSearchText(string sku, string nameZh, string nameEn, string descZh, string descEn) =>
        string.Join('\n', sku, nameZh, nameEn, descZh, descEn).ToLowerInvariant();

    /// <summary>Escapes LIKE wildcards so a shopper's '%' or '_' matches itself.</summary>
    public static string ContainsPattern(string query) =>
        "%" + query.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
