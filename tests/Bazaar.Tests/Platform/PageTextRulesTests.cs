using System.Text.RegularExpressions;

namespace Bazaar.Tests.Platform;

/// <summary>What makes a page text usable beyond existing in both languages (LocalizationTests checks that).</summary>
public sealed class PageTextRulesTests
{
    public static TheoryData<string> ResourceFiles() =>
        new(PageTexts.Files("*Text.resx").Select(PageTexts.Relative));

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void No_two_keys_differ_only_in_case(string resx)
    {
        // The compiled resources keep one of them: "Paid {0}" beside "paid {0}" left the second untranslated.
        var clashes = PageTexts.Read(Path.Combine(PageTexts.SourceRoot, resx)).Keys
            .GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" / ", g));
        Assert.Empty(clashes);
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_text_shows_the_same_values_in_both_languages_and_only_values_its_key_gives(string resx)
    {
        var english = Path.Combine(PageTexts.SourceRoot, resx);
        var chinese = PageTexts.Read(english.Replace(".resx", ".zh-CN.resx"));
        var wrong = new List<string>();
        foreach (var (key, value) in PageTexts.Read(english))
        {
            // A place the key does not have throws a FormatException (a 500) as the page formats it; one that
            // only one language shows drops a value from the other. A value both leave out is a choice (an id).
            if (chinese.TryGetValue(key, out var zh) && (!Places(value).IsSubsetOf(Places(key)) || !Places(value).SetEquals(Places(zh))))
                wrong.Add($"\"{key}\" → \"{value}\" / \"{zh}\"");
        }
        Assert.Empty(wrong);
    }

    private static HashSet<string> Places(string text) => Regex.Matches(text, @"\{\d+(:[^}]*)?\}").Select(m => m.Value).ToHashSet();
}
