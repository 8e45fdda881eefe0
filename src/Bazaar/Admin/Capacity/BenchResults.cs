using System.Globalization;
using System.Text.RegularExpressions;

namespace Bazaar.Admin.Capacity;

/// <summary>One benchmark scenario's measured cost: CPU seconds per request from the shop and from PostgreSQL.</summary>
public sealed record MeasuredScenario(string Name, double RequestsPerSecond, double ShopSecondsPerRequest, double DatabaseSecondsPerRequest);

/// <summary>
/// Reads a results file written by bench/run.sh (bench/results/*.md): its per-scenario table gives,
/// for the median run, the cores the shop and PostgreSQL used and the requests per second, so cores
/// ÷ requests/s is each request's service demand: the time it holds a core, without the queueing
/// the load itself caused.
/// </summary>
public static partial class BenchResults
{
    private const string TableHeader = "| scenario | load before";

    public static IReadOnlyList<MeasuredScenario> Parse(string markdown)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(TableHeader, StringComparison.Ordinal));
        if (start < 0)
            throw new FormatException("This is not a bench/run.sh results file: it has no per-scenario table (\"| scenario | load before → after | …\").");
        var header = Cells(lines[start]);
        int shop = header.IndexOf("shop"), database = header.IndexOf("PostgreSQL"), runs = header.Count - 1;
        if (shop < 0 || database < 0)
            throw new FormatException("The per-scenario table has no \"shop\" and \"PostgreSQL\" columns.");
        var scenarios = new List<MeasuredScenario>();
        foreach (var line in lines.Skip(start + 2))
        {
            if (!line.StartsWith('|'))
                break;
            var cells = Cells(line);
            if (cells.Count <= runs || cells[0] == "ceiling")
                continue;
            var every = RunRates().Matches(cells[runs]).Select(m => Number(m.Value)).OrderBy(x => x).ToList();
            if (every.Count == 0 || every[every.Count / 2] <= 0)
                continue;
            var rate = every[every.Count / 2];
            scenarios.Add(new MeasuredScenario(cells[0], rate, Number(cells[shop]) / rate, Number(cells[database]) / rate));
        }
        if (scenarios.Count == 0)
            throw new FormatException("The per-scenario table lists no scenario with a measured rate.");
        return scenarios;
    }

    private static List<string> Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static double Number(string text) =>
        double.Parse(text.Replace(",", "").Replace("*", ""), NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d[\d,]*(\.\d+)?")]
    private static partial Regex RunRates();
}
