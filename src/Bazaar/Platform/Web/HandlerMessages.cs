using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Bazaar.Platform.Web;

/// <summary>
/// The handlers answer in English: it is the API's language and the key of every page text. A page
/// shows their messages in the shopper's language through the list of texts its module knows, each
/// asked of the module's localizer with a literal key (<c>t[</c> and the English text in quotes), so the
/// resource tests check that it exists in both languages.
/// A text with {0}, {1} … stands for a message with values in those places; a value that is itself
/// a listed text (a field's name in "Recipient is required.") is translated too. A message no list
/// knows is shown as it came: a missing translation must never cost the shopper the message.
/// </summary>
public sealed partial class HandlerMessages(IReadOnlyList<LocalizedString> texts)
{
    // The most particular text first: "quantity must be between 1 and {0}; to take a product out …"
    // before "quantity must be between 1 and {0}.", which a lazy {0} would stretch over the rest.
    private readonly IReadOnlyList<LocalizedString> _templates =
        texts.OrderByDescending(t => Placeholder().Replace(t.Name, "").Length).ToList();

    // Per English template, shared by every request and language; null for a text without placeholders.
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new();

    public string Say(string english)
    {
        if (Exact(english) is { } exact)
            return exact;
        foreach (var text in _templates)
        {
            if (Pattern(text.Name) is not { } pattern || pattern.Match(english) is not { Success: true } match)
                continue;
            var values = new object[Placeholder().Matches(text.Name).Max(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) + 1];
            for (var i = 0; i < values.Length; i++)
                values[i] = match.Groups["p" + i] is { Success: true } g ? Exact(g.Value) ?? g.Value : "";
            return string.Format(CultureInfo.CurrentCulture, text.Value, values);
        }
        return english;
    }

    /// <summary>The problem with its title, detail and field messages in the page's language.</summary>
    public Problem Say(Problem problem)
    {
        var errors = problem.Errors?.ToDictionary(e => e.Key, e => e.Value.Select(Say).ToArray(), StringComparer.OrdinalIgnoreCase);
        return problem with
        {
            Title = Say(problem.Title),
            // The detail of a form's problem is its field messages run together: the same, translated one by one.
            Detail = errors is { Count: > 0 } ? string.Join(" ", errors.Values.SelectMany(m => m))
                : problem.Detail is null ? null : Say(problem.Detail),
            Errors = errors,
        };
    }

    private string? Exact(string english)
    {
        foreach (var text in texts)
            if (text.Name == english)
                return text.Value;
        return null;
    }

    private static Regex? Pattern(string template) => Patterns.GetOrAdd(template, static t =>
    {
        var parts = Placeholder().Split(t);
        if (parts.Length == 1)
            return null;
        // Split keeps the captured digits at the odd places: literal, 0, literal, 1, literal …
        var pattern = string.Concat(parts.Select((p, i) => i % 2 == 0 ? Regex.Escape(p) : $"(?<p{p}>.+?)"));
        // Anchored, lazy and over a handler's short message: no input makes it backtrack for long.
        return new Regex("^" + pattern + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    });

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
