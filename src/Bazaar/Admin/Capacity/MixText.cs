using System.Globalization;

namespace Bazaar.Admin.Capacity;

/// <summary>
/// The request mix as an operator types it: "product_html=40,search=10:4.6,checkout=5" — each kind
/// with its share and, after a colon, its service time in milliseconds; a kind without one takes the
/// time measured for it (from a benchmark results file or the shop's own metrics).
/// </summary>
public static class MixText
{
    /// <summary>A storefront's browse-to-buy funnel, used when no mix is given: most requests look, few buy.</summary>
    public const string StorefrontFunnel = "home=10,category=20,product_html=40,product_api=5,search=10,cart=10,checkout=5";

    public static RequestMix Parse(string text, IReadOnlyList<MeasuredScenario> measured)
    {
        var kinds = new List<RequestKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var nameAndRest = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (nameAndRest.Length != 2 || nameAndRest[0].Length == 0)
                throw new FormatException($"'{part}' is not name=share or name=share:milliseconds.");
            var name = nameAndRest[0];
            var shareAndTime = nameAndRest[1].Split(':', 2, StringSplitOptions.TrimEntries);
            if (!double.TryParse(shareAndTime[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share < 0)
                throw new FormatException($"The share of '{name}' must be a number of 0 or more, not '{shareAndTime[0]}'.");
            var scenario = measured.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
            double service, database = scenario?.DatabaseSecondsPerRequest ?? 0;
            if (shareAndTime.Length == 2)
            {
                if (!double.TryParse(shareAndTime[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
                    throw new FormatException($"The service time of '{name}' must be milliseconds above 0, not '{shareAndTime[1]}'.");
                service = ms / 1000;
            }
            else if (scenario is not null)
                service = scenario.ShopSecondsPerRequest;
            else
                throw new FormatException(measured.Count == 0
                    ? $"'{name}' has no service time: write {name}={shareAndTime[0]}:MILLISECONDS, or give measurements."
                    : $"'{name}' was not measured (measured: {string.Join(", ", measured.Select(m => m.Name))}); give its time as {name}={shareAndTime[0]}:MILLISECONDS.");
            kinds.Add(new RequestKind(name, share, service, database));
        }
        return new RequestMix(kinds);
    }

    /// <summary>The storefront funnel restricted to what was measured, so a partial results file still gives a mix.</summary>
    public static string DefaultFor(IReadOnlyList<MeasuredScenario> measured) =>
        string.Join(',', StorefrontFunnel.Split(',').Where(p => measured.Any(m => string.Equals(m.Name, p.Split('=')[0], StringComparison.OrdinalIgnoreCase))));
}
