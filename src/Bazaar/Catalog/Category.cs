namespace Bazaar.Catalog;

/// <summary>A node of the two-level category tree (a department and its aisles).</summary>
public sealed class Category
{
    public int Id { get; set; }
    public int? ParentId { get; set; }
    public string Slug { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}
