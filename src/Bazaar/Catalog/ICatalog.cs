using Bazaar.Platform;
namespace Bazaar.Catalog;

/// <summary>The Catalog module's public service: what other modules (Cart, Ordering) may know of products.</summary>
[ModuleContract]
public interface ICatalog
{
    /// <summary>The products with these ids that exist, published or not, with their current price.</summary>
    Task<IReadOnlyDictionary<int, ProductForSale>> FindAsync(IReadOnlyCollection<int> productIds, CancellationToken ct);
}

[ModuleContract]
public sealed record ProductForSale(int Id, string Sku, string NameZh, string NameEn, decimal Price, string Currency,
    bool IsPublished, string ImageUrl)
{
    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}
