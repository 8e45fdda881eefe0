using System.Globalization;
using System.Text;

namespace Bazaar.Catalog;

/// <summary>
/// Cuts text into the words the search index holds, the same way for products and for queries, on
/// PostgreSQL (tsvector) and SQLite (FTS5) alike. Chinese has no spaces between words, and a
/// dictionary segmenter is a dependency we do not need: every run of Chinese characters becomes its
/// single characters and its overlapping pairs (华为手机 → 华 为 手 机 华为 为手 手机), so a query of
/// one character or of any two adjacent ones finds it through the index. Latin letters and digits
/// become lower-case words (full-width forms folded first: ｉＰｈｏｎｅ is iphone).
/// </summary>
public static class SearchTokens
{
    public const int MaxQueryTokens = 16;

    /// <summary>The index's words for a product's text, space-separated.</summary>
    public static string Document(params string?[] texts)
    {
        var words = new List<string>();
        foreach (var text in texts)
            foreach (var run in Runs(text))
            {
                if (run.Chinese)
                {
                    foreach (var c in run.Text.EnumerateRunes())
                        words.Add(c.ToString());
                    words.AddRange(Pairs(run.Text));
                }
                else
                    words.Add(run.Text);
            }
        return string.Join(' ', words.Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// What a query asks for: Chinese pairs (a single character on its own) that must all be there,
    /// and Latin words that must all be there, the last one also as the start of a longer word.
    /// </summary>
    public static SearchTerms Query(string? query)
    {
        var chinese = new List<string>();
        var latin = new List<string>();
        foreach (var run in Runs(query))
        {
            if (run.Chinese)
                chinese.AddRange(run.Text.EnumerateRunes().Count() == 1 ? [run.Text] : Pairs(run.Text));
            else
                latin.Add(run.Text);
        }
        return new SearchTerms(chinese.Distinct().Take(MaxQueryTokens).ToList(), latin.Distinct().Take(MaxQueryTokens).ToList());
    }

    private static IEnumerable<string> Pairs(string run)
    {
        var chars = run.EnumerateRunes().Select(r => r.ToString()).ToList();
        for (var i = 0; i + 1 < chars.Count; i++)
            yield return chars[i] + chars[i + 1];
    }

    private static IEnumerable<(string Text, bool Chinese)> Runs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            yield break;
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var current = new StringBuilder();
        bool? chinese = null;
        foreach (var rune in folded.EnumerateRunes())
        {
            bool? kind = IsChinese(rune) ? true : Rune.IsLetterOrDigit(rune) ? false : null;
            if (kind != chinese && current.Length > 0)
            {
                if (chinese is not null)
                    yield return (current.ToString(), chinese.Value);
                current.Clear();
            }
            chinese = kind;
            if (kind is not null)
                current.Append(rune.ToString());
        }
        if (current.Length > 0 && chinese is not null)
            yield return (current.ToString(), chinese.Value);
    }

    // CJK Unified Ideographs and Extension A; kana and hangul are letters like any other.
    private static bool IsChinese(Rune r) => r.Value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF;
}

/// <param name="Chinese">Characters or pairs of characters, every one required.</param>
/// <param name="Latin">Lower-case words of letters and digits, every one required; the last may be a prefix.</param>
public sealed record SearchTerms(IReadOnlyList<string> Chinese, IReadOnlyList<string> Latin)
{
    public bool IsEmpty => Chinese.Count == 0 && Latin.Count == 0;

    /// <summary>The same terms with some Latin words replaced (typo corrections).</summary>
    public SearchTerms WithLatin(IReadOnlyList<string> latin) => this with { Latin = latin };

    /// <summary>A PostgreSQL tsquery: every term ANDed; Latin words match as prefixes (ip finds iphone).</summary>
    public string ToTsQuery() =>
        string.Join(" & ", Chinese.Concat(Latin.Select(w => w + ":*")));

    /// <summary>An FTS5 MATCH expression: every term ANDed, quoted; Latin words as prefixes.</summary>
    public string ToFts5Query() =>
        string.Join(" AND ", Chinese.Select(c => $"\"{c}\"").Concat(Latin.Select(w => $"\"{w}\"*")));
}
