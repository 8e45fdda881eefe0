using System.Text.RegularExpressions;

namespace Bazaar.Tests.Security;

/// <summary>
/// What an attacker types into a name, an address or a search box to run script in someone else's
/// browser. Each fits the shortest field it is put in (30 characters: province, city, district) unless
/// it says otherwise, so the shop stores it as typed and every page has to show it as text.
/// </summary>
public static class XssPayloads
{
    public static readonly string[] All =
    [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "'><img src=x onerror=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "\" onmouseover=\"alert(1)",
        "' autofocus onfocus='alert(1)",
        "</textarea><script>alert(1)",
        "</title><script>alert(1)",
        "</script><script>alert(1)",
        "<!--<script>x</script>-->",
        "{{constructor.constructor('alert(1)')()}}",
        "${alert(1)}",
        "<iframe srcdoc=\"<script>",
        "&lt;script&gt;alert(1)",
        "＜script＞alert(1)＜/script＞",     // fullwidth: must stay text, never be folded to markup
        "a\u2028<b>\u2029</b>",             // line separators break naive JSON-in-script
        "]]><script>alert(1)</script>",     // ends a CDATA section in SVG or XML
        "手机<script>alert(1)</script>",
        "商品\"><svg/onload=alert('中')>",
    ];

    /// <summary>The longer ones for fields that take them (names, streets, descriptions).</summary>
    public static readonly string[] Long =
    [
        "<a href=\"javascript:alert(1)\">点击领取优惠券</a>",
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
        "<style>@import 'https://evil.example/x.css';</style>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    ];

    public static IEnumerable<string> Everything => All.Concat(Long);

    /// <summary>
    /// The ones whose raw form is markup: present as they were typed, a page would run or break them. (An
    /// ampersand alone is not: "&amp;lt;script&amp;gt;" typed is what "&lt;script&gt;" looks like encoded.)
    /// </summary>
    public static bool IsMarkup(string payload) => payload.IndexOfAny(['<', '>', '"', '\'']) >= 0;

    // The shop's own pages carry none of these: no inline handler (the CSP lint forbids them), no
    // javascript: URL, no script but files and JSON data, no frame, SVG or MathML. Any of them in an
    // answer was injected. Tags are read attribute by attribute, so an encoded payload inside a quoted
    // value (value="&quot; onmouseover=...") is the value it is, not a handler.
    private static readonly Regex Tag = new(
        @"<([a-zA-Z][^\s/>]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'>]+))?)*)\s*/?>", RegexOptions.Compiled);
    private static readonly Regex Attribute = new(
        @"([^\s=/>]+)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s""'>]+)))?", RegexOptions.Compiled);
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "srcdoc", "xlink:href", "data", "poster"];
    private static readonly string[] ForeignElements = ["svg", "iframe", "math", "object", "embed", "base", "details", "frame", "frameset"];

    /// <summary>What in this HTML could only be there because a payload got through as markup; empty when nothing.</summary>
    public static IEnumerable<string> InjectedMarkup(string html)
    {
        foreach (Match tag in Tag.Matches(html))
        {
            var name = tag.Groups[1].Value.ToLowerInvariant();
            var attributes = Attribute.Matches(tag.Groups[2].Value)
                .Select(a => (Name: a.Groups[1].Value.ToLowerInvariant(),
                    Value: System.Net.WebUtility.HtmlDecode(a.Groups[2].Value + a.Groups[3].Value + a.Groups[4].Value).Trim()))
                .ToList();
            if (ForeignElements.Contains(name))
                yield return $"an injected <{name}>: {Around(html, tag.Index)}";
            if (name == "script" && !attributes.Any(a => a.Name == "src" || a is { Name: "type", Value: "application/json" }))
                yield return $"an inline script: {Around(html, tag.Index)}";
            foreach (var (attribute, value) in attributes)
            {
                if (attribute.StartsWith("on", StringComparison.Ordinal))
                    yield return $"an event handler {attribute}: {Around(html, tag.Index)}";
                if (UrlAttributes.Contains(attribute) && value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    yield return $"a javascript: URL in {attribute}: {Around(html, tag.Index)}";
            }
        }
    }

    public static string Around(string text, int at) =>
        text.Substring(Math.Max(0, at - 40), Math.Min(text.Length - Math.Max(0, at - 40), 120)).Replace("\n", " ");
}
