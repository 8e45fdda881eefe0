using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bazaar.Catalog;

/// <summary>A product matching a search, and how well (higher is better; 0 for a match by category only).</summary>
public sealed record SearchHit(int ProductId, double Rank);

/// <summary>A published product matching a search, with its rank (1 for every match when not ranked).</summary>
public sealed class SearchMatch
{
    public Product Product { get; init; } = null!;
    public double Rank { get; init; }
}

/// <summary>
/// The storefront's keyword search through a full-text index: on PostgreSQL a weighted tsvector
/// with a GIN index (names weigh more than descriptions), on SQLite an FTS5 table kept in step by
/// triggers. Both hold the words of <see cref="SearchTokens"/>, so both find the same products.
/// Products of a category whose name matches the whole query match too, after the ones whose own
/// text does. A query that finds nothing has its Latin words corrected to the nearest known word.
/// </summary>
public sealed class ProductSearch(ShopDb db)
{
    public const string VectorColumn = "SearchVector";

    private bool Postgres => db.Database.IsNpgsql();

    /// <summary>
    /// The published products matching, as one query to compose (filters, grouping, sorting, paging).
    /// On PostgreSQL a single scan of Products through the GIN index: joining a list of ids back to
    /// Products read every match twice, which made broad queries twice as slow.
    /// </summary>
    public IQueryable<SearchMatch> Matching(SearchTerms terms, IReadOnlyCollection<int> alsoInCategories, bool ranked)
    {
        var products = db.Set<Product>().AsNoTracking().Where(p => p.IsPublished);
        if (Postgres)
        {
            var tsquery = terms.ToTsQuery();
            var categories = alsoInCategories.ToList();
            var matching = categories.Count == 0
                ? products.Where(p => EF.Property<NpgsqlTypes.NpgsqlTsVector>(p, VectorColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery)))
                : products.Where(p => EF.Property<NpgsqlTypes.NpgsqlTsVector>(p, VectorColumn).Matches(EF.Functions.ToTsQuery("simple", tsquery))
                                      || categories.Contains(p.CategoryId));
            return ranked
                ? matching.Select(p => new SearchMatch
                {
                    Product = p, Rank = EF.Property<NpgsqlTypes.NpgsqlTsVector>(p, VectorColumn).Rank(EF.Functions.ToTsQuery("simple", tsquery)),
                })
                : matching.Select(p => new SearchMatch { Product = p, Rank = 1 });
        }
        return from p in products
               join h in Hits(terms, alsoInCategories, ranked) on p.Id equals h.ProductId
               select new SearchMatch { Product = p, Rank = h.Rank };
    }

    /// <summary>SQLite: the FTS5 table's matches (and the named categories' products), to join to Products.</summary>
    /// <param name="ranked">False when only which products match counts (totals, facets, other sorts).</param>
    private IQueryable<SearchHit> Hits(SearchTerms terms, IReadOnlyCollection<int> alsoInCategories, bool ranked)
    {
        var categories = alsoInCategories.ToArray();
        var match = terms.ToFts5Query();
        // bm25 is lower for better matches; weights: names 10, descriptions 2.
        var hits = ranked
            ? db.Database.SqlQuery<SearchHit>($"""
                SELECT rowid AS ProductId, -bm25(ProductSearch, 10.0, 2.0) AS Rank FROM ProductSearch WHERE ProductSearch MATCH {match}
                """)
            : db.Database.SqlQuery<SearchHit>($"""
                SELECT rowid AS ProductId, 1.0 AS Rank FROM ProductSearch WHERE ProductSearch MATCH {match}
                """);
        if (categories.Length == 0)
            return hits;
        var categoryList = System.Text.Json.JsonSerializer.Serialize(categories);
        return hits.Concat(db.Database.SqlQuery<SearchHit>($"""
            SELECT p.Id AS ProductId, 0.0 AS Rank FROM Products p
            WHERE p.CategoryId IN (SELECT value FROM json_each({categoryList}))
              AND p.Id NOT IN (SELECT rowid FROM ProductSearch WHERE ProductSearch MATCH {match})
            """));
    }

    /// <summary>
    /// The query with each Latin word that no known word starts with replaced by the nearest known
    /// word within a small edit distance (one edit up to 7 letters, two beyond; a swap of two
    /// neighbours counts as one); null when nothing could be corrected.
    /// </summary>
    public async Task<SearchTerms?> CorrectAsync(SearchTerms terms, CancellationToken ct)
    {
        var corrected = new List<string>();
        var changed = false;
        foreach (var word in terms.Latin)
        {
            var better = word.Length < 4 || await IsKnownPrefixAsync(word, ct) ? null : await NearestAsync(word, ct);
            corrected.Add(better ?? word);
            changed |= better is not null;
        }
        return changed ? terms.WithLatin(corrected) : null;
    }

    private async Task<bool> IsKnownPrefixAsync(string word, CancellationToken ct)
    {
        var pattern = word + "%";
        if (Postgres)
            return await db.Database.SqlQuery<int>($"""SELECT 1 AS "Value" FROM "SearchWords" WHERE "Word" LIKE {pattern} LIMIT 1""").AnyAsync(ct);
        var glob = word + "*";
        return await db.Database.SqlQuery<int>($"SELECT 1 AS Value FROM ProductSearchWords WHERE term GLOB {glob} LIMIT 1").AnyAsync(ct);
    }

    private async Task<string?> NearestAsync(string word, CancellationToken ct)
    {
        List<string> candidates;
        if (Postgres)
            candidates = await db.Database.SqlQuery<string>(
                $"""SELECT "Word" AS "Value" FROM "SearchWords" ORDER BY "Word" <-> {word} LIMIT 20""").ToListAsync(ct);
        else
        {
            var (shortest, longest) = (word.Length - 2, word.Length + 2);
            candidates = await db.Database.SqlQuery<string>($"""
                SELECT term AS Value FROM ProductSearchWords
                WHERE length(term) BETWEEN {shortest} AND {longest} AND term GLOB '[a-z]*'
                """).ToListAsync(ct);
        }
        var allowed = word.Length <= 7 ? 1 : 2;
        return candidates
            .Select(c => (Word: c, Distance: EditDistance.OptimalStringAlignment(word, c)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance).ThenBy(c => Math.Abs(c.Word.Length - word.Length)).ThenBy(c => c.Word, StringComparer.Ordinal)
            .Select(c => c.Word)
            .FirstOrDefault();
    }
}
