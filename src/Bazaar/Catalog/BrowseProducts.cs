using System.Globalization;
using Bazaar.Inventory;
using Bazaar.Platform.Caching;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;
using ZiggyCreatures.Caching.Fusion;

namespace Bazaar.Catalog;

/// <param name="Counted">False for a shelf that shows one page and no pager (the home page's new arrivals):
/// the count of every matching product is the costliest query of a listing, so it is skipped.</param>
public sealed record ProductQuery(string? Q = null, int? Category = null, string? Sort = null, int Page = 1,
    int PageSize = BrowseProducts.DefaultPageSize, decimal? MinPrice = null, decimal? MaxPrice = null, bool Counted = true);

public sealed record ProductSummary(int Id, string Sku, string Name, decimal Price, string Currency, int Available,
    string ImageUrl);

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>For a keyword search: how many of its products are in each category and price band.</summary>
    public SearchFacets? Facets { get; init; }

    /// <summary>When the query as typed found nothing and a corrected one did: what was searched for instead.</summary>
    public string? SearchedFor { get; init; }
}

/// <param name="Categories">Per category (aisle) holding matches, most first.</param>
/// <param name="Prices">Per price band with matches, cheapest first; To is exclusive, null is "and up".</param>
public sealed record SearchFacets(IReadOnlyList<CategoryFacet> Categories, IReadOnlyList<PriceFacet> Prices);

public sealed record CategoryFacet(int Id, string Name, int Count);

public sealed record PriceFacet(decimal From, decimal? To, int Count);

/// <summary>
/// The storefront's listing and search: published products, optionally matching keywords (through
/// the full-text index, <see cref="ProductSearch"/>), in a category (and its sub-categories) and a
/// price range, sorted and paged by the database. A keyword search also counts its matches per
/// category and price band, each count under the other filters, so a shopper can narrow it down.
/// </summary>
public sealed class BrowseProducts(Bazaar.Platform.Cluster.CatalogReads reads, CategoryTree categories, IInventory inventory, ProductSearch search, IFusionCache cache,
    IConfiguration config)
{
    // Listings and search may be a moment stale: the standby answers them while it is caught up.
    private readonly ShopDb db = reads.Db;

    /// <summary><c>Caching:SearchDuration</c>: how long a search's results are reused (zero: never).</summary>
    private readonly TimeSpan searchDuration = config.GetValue("Caching:SearchDuration", TimeSpan.FromSeconds(5));

    public const int DefaultPageSize = 24, MaxPageSize = 100, MaxPage = 10_000, MaxQuery = 100;
    public const decimal MaxPrice = 100_000_000m;
    public static readonly string[] Sorts = ["relevance", "newest", "price_asc", "price_desc", "sales"];

    /// <summary>The price bands of the facets, in CNY: under 50, 50–100, … 1,000 and up.</summary>
    public static readonly decimal[] PriceSteps = [50m, 100m, 200m, 500m, 1000m];

    public static FieldErrors Validate(ProductQuery q)
    {
        var errors = new FieldErrors();
        if (q.Page is < 1 or > MaxPage)
            errors.Add("page", $"page must be between 1 and {MaxPage}.");
        if (q.PageSize is < 1 or > MaxPageSize)
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        if (q.Q is { Length: > MaxQuery })
            errors.Add("q", $"q must be at most {MaxQuery} characters.");
        if (q.Sort is not null && !Sorts.Contains(q.Sort))
            errors.Add("sort", $"sort must be one of: {string.Join(", ", Sorts)}.");
        if (q.MinPrice is < 0 or > MaxPrice)
            errors.Add("minPrice", $"minPrice must be between 0 and {MaxPrice}.");
        if (q.MaxPrice is < 0 or > MaxPrice)
            errors.Add("maxPrice", $"maxPrice must be between 0 and {MaxPrice}.");
        if (q is { MinPrice: { } min, MaxPrice: { } max } && min > max)
            errors.Add("maxPrice", "maxPrice must not be below minPrice.");
        return errors;
    }

    public async Task<Result<ProductPage>> HandleAsync(ProductQuery query, bool chinese, CancellationToken ct)
    {
        var errors = Validate(query);
        if (errors.Any)
            return Problem.Invalid(errors);

        List<int>? inCategory = null;
        if (query.Category is { } categoryId)
        {
            var node = await categories.FindAsync(categoryId, ct);
            if (node is null)
                return Problem.Invalid(errors.Add("category", $"There is no category {categoryId}."));
            inCategory = CategoryTree.SelfAndDescendants(node);
        }

        var terms = SearchTokens.Query(query.Q);
        if (terms.IsEmpty)
            return string.IsNullOrWhiteSpace(query.Q)
                ? await ListAsync(query, inCategory, chinese, ct)
                // Only punctuation: nothing to look for, and showing the whole catalog would be a wrong answer.
                : new ProductPage([], 0, query.Page, query.PageSize) { Facets = new SearchFacets([], []) };

        if (searchDuration <= TimeSpan.Zero)
            return await SearchOrCorrectAsync(query, terms, inCategory, chinese, ct);
        // Shoppers repeat the top queries: one database search per query, filters, page and language
        // every few seconds at most, however many ask at once (the cache loads each key once). A
        // product or category change drops them all with the catalog pages (ProductCache, CategoryTree).
        var key = string.Join('|', "search", chinese ? "zh" : "en", string.Join(' ', terms.Chinese), string.Join(' ', terms.Latin),
            inCategory is null ? "" : query.Category!.Value.ToString(CultureInfo.InvariantCulture), query.MinPrice?.ToString(CultureInfo.InvariantCulture),
            query.MaxPrice?.ToString(CultureInfo.InvariantCulture), query.Sort ?? "", query.Page, query.PageSize);
        return await cache.GetOrSetAsync<ProductPage>(key, (_, token) => SearchOrCorrectAsync(query, terms, inCategory, chinese, token),
            new FusionCacheEntryOptions
            {
                Duration = searchDuration, Size = 4,
                // A stale result is not worth keeping for an hour in case the database goes away.
                IsFailSafeEnabled = false,
            }, tags: [CatalogPageCache.Tag], token: ct);
    }

    private async Task<ProductPage> SearchOrCorrectAsync(ProductQuery query, SearchTerms terms, List<int>? inCategory, bool chinese,
        CancellationToken ct)
    {
        var page = await SearchAsync(query, terms, inCategory, chinese, ct);
        if (page.Total == 0 && await search.CorrectAsync(terms, ct) is { } corrected)
        {
            var retried = await SearchAsync(query, corrected, inCategory, chinese, ct);
            if (retried.Total > 0)
                return retried with { SearchedFor = string.Join(' ', corrected.Chinese.Concat(corrected.Latin)) };
        }
        return page;
    }

    private async Task<ProductPage> ListAsync(ProductQuery query, List<int>? inCategory, bool chinese, CancellationToken ct)
    {
        var products = Filter(db.Set<Product>().AsNoTracking().Where(p => p.IsPublished), inCategory, query.MinPrice, query.MaxPrice);
        var total = query.Counted ? await products.CountAsync(ct) : -1;
        var sorted = (query.Sort ?? "newest") switch
        {
            "price_asc" => products.OrderBy(p => p.Price).ThenBy(p => p.Id),
            "price_desc" => products.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
            "sales" => products.OrderByDescending(p => p.UnitsSold).ThenByDescending(p => p.Id),
            _ => products.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
        var items = await ItemsAsync(sorted, query, chinese, ct);
        return new ProductPage(items, total < 0 ? items.Count : total, query.Page, query.PageSize);
    }

    /// <summary>Above this many matches, "relevance" orders by sales instead: ranking them all would cost more than it tells.</summary>
    public const int MaxRanked = 2_000;

    private async Task<ProductPage> SearchAsync(ProductQuery query, SearchTerms terms, List<int>? inCategory, bool chinese,
        CancellationToken ct)
    {
        var alsoInCategories = await CategoriesNamedAsync(terms, ct);
        var sort = query.Sort ?? "relevance";
        if (db.Database.IsNpgsql())
        {
            var pass = await search.OnePassAsync(terms, alsoInCategories,
                new SearchFilter(inCategory, query.MinPrice, query.MaxPrice, query.Page, query.PageSize), sort, MaxRanked, ct);
            var (passTotal, passFacets) = await FacetsAsync(pass.Cells, inCategory, chinese, ct);
            var available = await inventory.GetAvailableAsync(pass.Page.Select(r => r.Id).ToList(), ct);
            var passItems = pass.Page.Select(r => Summary(r.Id, r.Sku, r.NameZh, r.NameEn, r.Price, r.Currency, r.ImageUrl, r.UpdatedAt,
                available, chinese)).ToList();
            return new ProductPage(passItems, passTotal, query.Page, query.PageSize) { Facets = passFacets };
        }

        var (min, max) = (query.MinPrice, query.MaxPrice);
        // One grouped pass gives the total and both facets: per category (under the price filter) and
        // per price band (under the category filter), each count under the other filters only.
        var cells = await (
                from m in search.Matching(terms, alsoInCategories, ranked: false)
                let p = m.Product
                group p by new
                {
                    p.CategoryId,
                    Band = p.Price < PriceSteps[0] ? 0 : p.Price < PriceSteps[1] ? 1 : p.Price < PriceSteps[2] ? 2
                        : p.Price < PriceSteps[3] ? 3 : p.Price < PriceSteps[4] ? 4 : 5,
                    InPrice = (min == null || p.Price >= min) && (max == null || p.Price < max),
                } into g
                select new FacetCell(g.Key.CategoryId, g.Key.Band, g.Key.InPrice, g.Count()))
            .ToListAsync(ct);
        var (total, facets) = await FacetsAsync(cells, inCategory, chinese, ct);
        if (total == 0)
            return new ProductPage([], 0, query.Page, query.PageSize) { Facets = facets };

        var ranked = sort == "relevance" && total <= MaxRanked;
        var matching = search.Matching(terms, alsoInCategories, ranked);
        if (inCategory is not null)
            matching = matching.Where(m => inCategory.Contains(m.Product.CategoryId));
        if (min is { } from)
            matching = matching.Where(m => m.Product.Price >= from);
        if (max is { } to)
            matching = matching.Where(m => m.Product.Price < to);
        var sorted = sort switch
        {
            "price_asc" => matching.OrderBy(m => m.Product.Price).ThenBy(m => m.Product.Id),
            "price_desc" => matching.OrderByDescending(m => m.Product.Price).ThenBy(m => m.Product.Id),
            "newest" => matching.OrderByDescending(m => m.Product.CreatedAt).ThenByDescending(m => m.Product.Id),
            "sales" => matching.OrderByDescending(m => m.Product.UnitsSold).ThenByDescending(m => m.Rank).ThenBy(m => m.Product.Id),
            // Too many to rank: direct hits before category-only ones (rank 1 and 0), best sellers first.
            _ => matching.OrderByDescending(m => m.Rank).ThenByDescending(m => m.Product.UnitsSold).ThenBy(m => m.Product.Id),
        };
        var items = await ItemsAsync(sorted.Select(m => m.Product), query, chinese, ct);
        return new ProductPage(items, total, query.Page, query.PageSize) { Facets = facets };
    }

    /// <summary>The total under every filter, and the facets: per category under the price filter, per price band under the category filter.</summary>
    private async Task<(int Total, SearchFacets Facets)> FacetsAsync(IReadOnlyList<FacetCell> cells, List<int>? inCategory, bool chinese,
        CancellationToken ct)
    {
        bool InCategory(int categoryId) => inCategory is null || inCategory.Contains(categoryId);
        var total = cells.Where(g => g.InPrice && InCategory(g.CategoryId)).Sum(g => g.Count);
        var names = (await categories.AllAsync(ct)).ToDictionary(c => c.Id, c => c.Name(chinese));
        var facets = new SearchFacets(
            cells.Where(g => g.InPrice).GroupBy(g => g.CategoryId)
                .Select(c => new CategoryFacet(c.Key, names.GetValueOrDefault(c.Key, ""), c.Sum(g => g.Count)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Id).ToList(),
            cells.Where(g => InCategory(g.CategoryId)).GroupBy(g => g.Band).OrderBy(b => b.Key)
                .Select(b => new PriceFacet(b.Key == 0 ? 0 : PriceSteps[b.Key - 1], b.Key < PriceSteps.Length ? PriceSteps[b.Key] : null,
                    b.Sum(g => g.Count)))
                .ToList());
        return (total, facets);
    }

    /// <summary>
    /// Categories whose name, in either language, holds every term: 茶 finds the tea aisle's
    /// products. An aisle that matches is taken alone (手机 is the phones aisle, not all of its
    /// department 手机数码); a department counts with all its aisles only when none of them matches.
    /// </summary>
    private async Task<List<int>> CategoriesNamedAsync(SearchTerms terms, CancellationToken ct)
    {
        bool Named(CategoryNode node)
        {
            var words = SearchTokens.Document(node.NameZh, node.NameEn, node.Slug).Split(' ');
            return terms.Chinese.All(words.Contains) && terms.Latin.All(l => words.Any(w => w.StartsWith(l, StringComparison.Ordinal)));
        }
        var matched = new List<int>();
        foreach (var department in await categories.RootsAsync(ct))
        {
            var aisles = department.Children.Where(Named).ToList();
            if (aisles.Count > 0)
                matched.AddRange(aisles.SelectMany(CategoryTree.SelfAndDescendants));
            else if (Named(department))
                matched.AddRange(CategoryTree.SelfAndDescendants(department));
        }
        return matched;
    }

    private static IQueryable<Product> Filter(IQueryable<Product> products, List<int>? inCategory, decimal? min, decimal? max)
    {
        if (inCategory is not null)
            products = products.Where(p => inCategory.Contains(p.CategoryId));
        if (min is { } from)
            products = products.Where(p => p.Price >= from);
        if (max is { } to)
            products = products.Where(p => p.Price < to);
        return products;
    }

    private async Task<List<ProductSummary>> ItemsAsync(IQueryable<Product> sorted, ProductQuery query, bool chinese, CancellationToken ct)
    {
        var rows = await sorted.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(p => new { p.Id, p.Sku, p.NameZh, p.NameEn, p.Price, p.Currency, p.ImageUrl, p.UpdatedAt })
            .ToListAsync(ct);
        var available = await inventory.GetAvailableAsync(rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => Summary(r.Id, r.Sku, r.NameZh, r.NameEn, r.Price, r.Currency, r.ImageUrl, r.UpdatedAt, available, chinese))
            .ToList();
    }

    private static ProductSummary Summary(int id, string sku, string nameZh, string nameEn, decimal price, string currency,
        string? imageUrl, DateTime updatedAt, IReadOnlyDictionary<int, int> available, bool chinese) =>
        new(id, sku, Product.Either(chinese ? nameZh : nameEn, chinese ? nameEn : nameZh), price, currency,
            available.GetValueOrDefault(id), imageUrl ?? Product.GeneratedImageUrl(id, updatedAt));

}
