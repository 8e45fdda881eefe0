using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bazaar.Catalog;

/// <summary>A product matching a search, and how well (higher is better; 0 for a match by category only).</summary>
public sealed record SearchHit(int ProductId, double Rank);

/// <summary>How many matches are in one category and price band, and whether that band is inside the price filter.</summary>
public sealed record FacetCell(int CategoryId, int Band, bool InPrice, int Count);

/// <summary>The filters and page of a search, as <see cref="ProductSearch.OnePassAsync"/> applies them.</summary>
/// <param name="Categories">Null for every category.</param>
public sealed record SearchFilter(IReadOnlyCollection<int>? Categories, decimal? MinPrice, decimal? MaxPrice, int Page, int PageSize);

/// <summary>A search's facet cells and its page, in order.</summary>
public sealed record SearchPass(IReadOnlyList<FacetCell> Cells, IReadOnlyList<SearchPassRow> Page);

/// <summary>One row of the one-pass statement: a facet cell (Kind 0) or a product of the page (Kind 1).</summary>
public sealed class SearchPassRow
{
    public int Kind { get; set; }
    public int CategoryId { get; set; }
    public int Band { get; set; }
    public bool InPrice { get; set; }
    public int Count { get; set; }
    public int Position { get; set; }
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public decimal Price { get; set; }
    public string Currency { get; set; } = "";
    public string? ImageUrl { get; set; }
    public DateTime UpdatedAt { get; set; }
}

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
public sealed class ProductSearch(Bazaar.Platform.Cluster.CatalogReads reads)
{
    // Listings and search may be a moment stale: the standby answers them while it is caught up.
    private readonly ShopDb db = reads.Db;

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

    /// <summary>
    /// PostgreSQL: the facet cells and one sorted page of a search in one statement and one scan of
    /// the matches. Each match costs a heap page read (rows are ~2 KB and a query's matches are spread
    /// over the table), so reading them once for the counts and again for the page's order was most
    /// of a search's time. The narrow columns of every match are read once into a CTE; counts, the
    /// page's order and the relevance rank (only when at most <paramref name="maxRanked"/> matches pass
    /// the filters: ts_rank reads the whole vector, out of line) come from it; the page's 24 rows are
    /// then fetched by id.
    /// </summary>
    public async Task<SearchPass> OnePassAsync(SearchTerms terms, IReadOnlyCollection<int> alsoInCategories, SearchFilter filter,
        string sort, int maxRanked, CancellationToken ct)
    {
        var parameters = new List<NpgsqlParameter> { new("tsquery", terms.ToTsQuery()) };
        string Param(string name, object value) { parameters.Add(new NpgsqlParameter(name, value)); return "@" + name; }

        var matches = alsoInCategories.Count == 0
            ? """p."SearchVector" @@ to_tsquery('simple', @tsquery)"""
            : $"""(p."SearchVector" @@ to_tsquery('simple', @tsquery) OR p."CategoryId" = ANY ({Param("also", alsoInCategories.ToArray())}))""";
        var inPrice = "TRUE";
        if (filter.MinPrice is { } min) inPrice += $""" AND m."Price" >= {Param("min", min)}""";
        if (filter.MaxPrice is { } max) inPrice += $""" AND m."Price" < {Param("max", max)}""";
        var inCategory = filter.Categories is { } categories ? $"""m."CategoryId" = ANY ({Param("cats", categories.ToArray())})""" : "TRUE";
        var band = "CASE " + string.Concat(BrowseProducts.PriceSteps.Select((step, i) =>
            $"""WHEN m."Price" < {step.ToString(System.Globalization.CultureInfo.InvariantCulture)} THEN {i} """)) + $"ELSE {BrowseProducts.PriceSteps.Length} END";
        var order = sort switch
        {
            "price_asc" => """f."Price", f."Id" """,
            "price_desc" => """f."Price" DESC, f."Id" """,
            "newest" => """f."CreatedAt" DESC, f."Id" DESC""",
            "sales" => """f."UnitsSold" DESC, f."Id" """,
            // The rank is read only for a result small enough to rank: the row by its ctid (the same
            // snapshot, so the same row version; no index descent) and its vector out of line.
            _ => $"""
                CASE WHEN (SELECT count(*) FROM f) <= {maxRanked}
                     THEN (SELECT ts_rank(r."SearchVector", to_tsquery('simple', @tsquery)) FROM "Products" r WHERE r.ctid = f."Row") END
                  DESC NULLS LAST, f."UnitsSold" DESC, f."Id"
                """,
        };
        // JIT off: the rank's per-row lookup makes the estimate of a broad search pass jit_above_cost,
        // and compiling the plan cost 50 to 75 ms, more than running it (a SET LOCAL in the same batch
        // holds for this statement only).
        var sql = $"""
            SET LOCAL jit = off;
            WITH m AS MATERIALIZED (
              SELECT p."Id", p.ctid AS "Row", p."CategoryId", p."Price", p."UnitsSold", p."CreatedAt"
              FROM "Products" p WHERE p."IsPublished" AND {matches}),
            f AS (SELECT * FROM m WHERE {inCategory} AND {inPrice}),
            page AS (
              -- numbered in the order the inner query sorted them
              SELECT s."Id", row_number() OVER () AS "Position" FROM (
                SELECT f."Id" FROM f ORDER BY {order}
                LIMIT {Param("take", filter.PageSize)} OFFSET {Param("skip", (filter.Page - 1) * filter.PageSize)}) s)
            SELECT 0 AS "Kind", m."CategoryId", {band} AS "Band", ({inPrice}) AS "InPrice", count(*)::int AS "Count",
                   0 AS "Position", 0 AS "Id", '' AS "Sku", '' AS "NameZh", '' AS "NameEn", 0::numeric AS "Price", '' AS "Currency",
                   NULL::text AS "ImageUrl", now()::timestamp AS "UpdatedAt"
            FROM m GROUP BY 2, 3, 4
            UNION ALL
            SELECT 1, p."CategoryId", 0, TRUE, 0, page."Position"::int, p."Id", p."Sku", p."NameZh", p."NameEn", p."Price", p."Currency",
                   p."ImageUrl", p."UpdatedAt"
            FROM page JOIN "Products" p ON p."Id" = page."Id"
            """;
        var rows = await db.Database.SqlQueryRaw<SearchPassRow>(sql, parameters.ToArray<object>()).ToListAsync(ct);
        return new SearchPass(
            rows.Where(r => r.Kind == 0).Select(r => new FacetCell(r.CategoryId, r.Band, r.InPrice, r.Count)).ToList(),
            rows.Where(r => r.Kind == 1).OrderBy(r => r.Position).ToList());
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
