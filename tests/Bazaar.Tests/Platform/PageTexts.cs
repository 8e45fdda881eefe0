using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bazaar.Tests.Platform;

/// <summary>
/// Reads the shop's sources: the page texts per module (English .resx and Chinese .zh-CN.resx),
/// the keys pages ask for, and any text a page writes without asking for it.
/// </summary>
public static partial class PageTexts
{
    public static string SourceRoot { get; } = FindSourceRoot();

    private static string FindSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bazaar.slnx")))
                return Path.Combine(dir.FullName, "src", "Bazaar");
        throw new InvalidOperationException("Bazaar.slnx not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<string> Files(string pattern) =>
        Directory.EnumerateFiles(SourceRoot, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order();

    public static string Relative(string path) => Path.GetRelativePath(SourceRoot, path);

    public static IReadOnlyDictionary<string, string> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>
    /// The English resource file whose texts the pages (and page models) in <paramref name="file"/>'s
    /// folder get as T: the IStringLocalizer&lt;X&gt; of the nearest _ViewImports.cshtml that injects one.
    /// </summary>
    public static string ResourcesFor(string file)
    {
        for (var dir = Path.GetDirectoryName(file)!; dir.Length >= SourceRoot.Length; dir = Path.GetDirectoryName(dir)!)
        {
            var imports = Path.Combine(dir, "_ViewImports.cshtml");
            if (File.Exists(imports) && InjectedLocalizer().Match(File.ReadAllText(imports)) is { Success: true } m)
            {
                var type = m.Groups[1].Value; // Bazaar.Catalog.CatalogText
                return Path.Combine([SourceRoot, .. type.Split('.').Skip(1).SkipLast(1), type.Split('.')[^1] + ".resx"]);
            }
        }
        throw new InvalidOperationException($"No _ViewImports.cshtml above {file} injects a localizer");
    }

    [GeneratedRegex(@"IStringLocalizer<([\w.]+)>\s+T\b")]
    private static partial Regex InjectedLocalizer();

    /// <summary>Every literal key asked of a localizer named T (pages) or t (classes): T["Add to cart"].</summary>
    public static IEnumerable<string> KeysAskedIn(string source) =>
        LocalizerCall().Matches(source).Select(m => Regex.Unescape(m.Groups[1].Value));

    [GeneratedRegex(@"\b[Tt]\[""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    // Same in both languages: the brand, the language names in their own language, and codes.
    private static readonly string[] SameInBothLanguages = ["Bazaar", "集市", "中文", "English", "API", "SKU", "CSV", "CNY", "WebP", "JPEG", "PNG"];

    /// <summary>
    /// Texts a Razor page writes as they are, not through T[...]: text between tags, and the
    /// placeholder, title, alt and aria-label attributes. Razor expressions and code blocks are
    /// not text; what is left with a word in it (two Latin letters, or any Chinese) was hard-coded.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> HardCodedTexts(string razor)
    {
        var lines = LineStarts(razor);
        var s = Blank(razor, RazorComment());
        s = Blank(s, ScriptOrStyle());
        s = BlankRazor(s);
        foreach (Match m in TextNode().Matches(s))
            if (Wordy(m.Groups[1].Value) is { } text)
                yield return (LineOf(lines, m.Groups[1].Index), text);
        foreach (Match m in TextAttribute().Matches(s))
            if (Wordy(m.Groups[2].Value) is { } text)
                yield return (LineOf(lines, m.Groups[2].Index), $"{m.Groups[1].Value}=\"{text}\"");
        foreach (Match m in LiteralTitle().Matches(razor))
            yield return (LineOf(lines, m.Index), m.Value);
        foreach (var found in ChineseLiterals(Blank(razor, RazorComment())))
            yield return found;
    }

    /// <summary>
    /// C# strings with Chinese in them (<c>zh ? "缺货" : "Out of stock"</c>): a translation kept in
    /// code rather than in the resources. For pages and their models; seed data is not a page.
    /// </summary>
    public static IEnumerable<(int Line, string Text)> ChineseLiterals(string code)
    {
        var lines = LineStarts(code);
        foreach (Match m in StringLiteral().Matches(code))
        {
            var text = m.Value;
            foreach (var word in SameInBothLanguages)
                text = text.Replace(word, "");
            if (Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}"))
                yield return (LineOf(lines, m.Index), m.Value);
        }
    }

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    private static string? Wordy(string text)
    {
        var t = Regex.Replace(text, @"\b(if|foreach|for|while|switch)\s*\([^)]*\)", " ");
        t = Regex.Replace(t, @"\b(else|if|foreach|var|in|for|switch|case|break|return|null|new)\b|[{};]", " ");
        foreach (var word in SameInBothLanguages)
            t = t.Replace(word, " ");
        t = Regex.Replace(t, @"\s+", " ").Trim();
        return Regex.IsMatch(t, @"[A-Za-z]{2}|\p{IsCJKUnifiedIdeographs}") ? t : null;
    }

    /// <summary>Blanks every Razor expression (@x.y, @x(…), @(…), @{…}, @if (…)) with spaces, keeping positions.</summary>
    private static string BlankRazor(string s)
    {
        var b = new StringBuilder(s);
        for (var i = 0; i < b.Length; i++)
        {
            if (b[i] != '@' || (i + 1 < b.Length && b[i + 1] == '@'))
                continue;
            var end = i + 1;
            if (end < b.Length && (b[end] == '(' || b[end] == '{'))
                end = Balanced(b, end);
            else
            {
                while (end < b.Length)
                {
                    var start = end;
                    while (end < b.Length && (char.IsLetterOrDigit(b[end]) || b[end] == '_' || b[end] == '!' || (b[end] == '.' && end + 1 < b.Length && char.IsLetter(b[end + 1]))))
                        end++;
                    // whitespace before a ( only after a keyword: @if (…), @foreach (…)
                    var k = end;
                    while (k < b.Length && b[k] == ' ') k++;
                    if (k < b.Length && (b[k] == '(' || b[k] == '[') && (k == end || IsKeyword(b, start, end)))
                        end = Balanced(b, k);
                    else if (end == start)
                        break;
                    else if (!(end < b.Length && (b[end] == '(' || b[end] == '[' || b[end] == '.')))
                        break;
                }
            }
            for (var j = i; j < end && j < b.Length; j++)
                if (b[j] != '\n') b[j] = ' ';
        }
        return b.ToString();
    }

    private static bool IsKeyword(StringBuilder b, int start, int end) =>
        b.ToString(start, end - start) is "if" or "foreach" or "for" or "while" or "switch" or "using" or "lock";

    private static int Balanced(StringBuilder b, int open)
    {
        var (o, c) = b[open] switch { '(' => ('(', ')'), '[' => ('[', ']'), _ => ('{', '}') };
        var depth = 0;
        var inString = false;
        for (var i = open; i < b.Length; i++)
        {
            if (b[i] == '"' && (i == 0 || b[i - 1] != '\\')) inString = !inString;
            if (inString) continue;
            if (b[i] == o) depth++;
            else if (b[i] == c && --depth == 0) return i + 1;
        }
        return b.Length;
    }

    private static string Blank(string s, Regex r) =>
        r.Replace(s, m => Regex.Replace(m.Value, "[^\n]", " "));

    private static List<int> LineStarts(string s)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '\n') starts.Add(i + 1);
        return starts;
    }

    private static int LineOf(List<int> starts, int index)
    {
        var i = starts.BinarySearch(index);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@">([^<>]+)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(placeholder|title|alt|aria-label|data-confirm)=""([^""]*)""")]
    private static partial Regex TextAttribute();

    [GeneratedRegex(@"ViewData\[""Title""\]\s*=\s*""[^""]*""")]
    private static partial Regex LiteralTitle();
}
