using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Bazaar.Platform;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin;

/// <summary>
/// The handlers answer in English, the API's language (ProblemDetails stay English for partners and
/// scripts). The back office shows the same messages in the operator's language: each message the
/// back office can meet is a template in <see cref="BackOfficeMessageTemplates"/> keyed by its
/// English text ("Stock must be between 0 and {0}."), matched against the message, and filled with
/// its values, which are themselves translated when they are words the back office knows (a field
/// label, an order status). A message no template knows is shown as it came, in English.
/// </summary>
[ModuleContract]
public static class BackOfficeMessages
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();
    private static readonly ConcurrentDictionary<string, List<LocalizedString>> Templates = new();

    /// <summary>The page door of a problem, in the operator's language: field errors beside their inputs.</summary>
    public static void CopyTo(this Problem problem, ModelStateDictionary modelState, IStringLocalizer<BackOfficeText> t, string prefix = "Input") =>
        (problem with
        {
            Title = t.Message(problem.Title),
            Detail = problem.Detail is null ? null : t.Message(problem.Detail),
            Errors = problem.Errors?.ToDictionary(e => e.Key, e => e.Value.Select(t.Message).ToArray()),
        }).CopyTo(modelState, prefix);

    public static string Message(this IStringLocalizer<BackOfficeText> t, string message)
    {
        // The resources do not change while the shop runs: one list per language, not one per message
        // (an import's report may hold many thousand). Whole sentences come before patterns, so
        // "Price is required." is not read as "{0} is required.".
        var templates = Templates.GetOrAdd(CultureInfo.CurrentUICulture.Name,
            _ => BackOfficeMessageTemplates.All(t).OrderBy(x => x.Name.Contains('{')).ToList());
        return Translate(t, templates, message.Trim(), depth: 0) ?? message;
    }

    /// <summary>The message in the page's language, or null when no template fits it.</summary>
    private static string? Translate(IStringLocalizer<BackOfficeText> t, List<LocalizedString> templates, string message, int depth)
    {
        if (message.Length == 0 || depth > 3)
            return null;
        foreach (var template in templates)
        {
            // The text before the first value must start the message: most templates are ruled out here,
            // which keeps an import's report of many thousand rejected rows quick to translate.
            var opening = template.Name.IndexOf('{') is var brace and >= 0 ? template.Name.AsSpan(0, brace) : template.Name;
            if (!message.AsSpan().StartsWith(opening, StringComparison.Ordinal))
                continue;
            var match = Pattern(template.Name).Match(message);
            if (match.Success)
            {
                var values = match.Groups.Cast<Group>().Skip(1).Select(g => (object)Value(t, templates, g.Value, depth)).ToArray();
                return string.Format(CultureInfo.CurrentCulture, template.Value, values);
            }
        }
        // Several messages in one (an import row's reasons, joined by spaces): each on its own.
        for (var end = message.IndexOf(". ", StringComparison.Ordinal); end > 0; end = message.IndexOf(". ", end + 1, StringComparison.Ordinal))
        {
            if (Translate(t, templates, message[..(end + 1)], depth + 1) is { } first)
                return first + " " + (Translate(t, templates, message[(end + 2)..], depth + 1) ?? message[(end + 2)..]);
        }
        return null;
    }

    /// <summary>A value inside a message: a word or message the back office knows is translated, anything else (a SKU, a number) stays.</summary>
    private static string Value(IStringLocalizer<BackOfficeText> t, List<LocalizedString> templates, string value, int depth)
    {
        if (t.OrderStatus(value) is var status && status != value)
            return status;
        return Translate(t, templates, value, depth + 1) ?? value;
    }

    /// <summary>"Stock must be between 0 and {0}." becomes ^Stock must be between 0 and (.+?)\.$</summary>
    private static Regex Pattern(string template) => Patterns.GetOrAdd(template, k =>
        new Regex("^" + Regex.Replace(Regex.Escape(k), @"\\\{\d+}", "(.+?)") + "$", RegexOptions.Singleline | RegexOptions.CultureInvariant));
}
