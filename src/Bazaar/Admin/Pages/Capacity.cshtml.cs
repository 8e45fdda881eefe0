using System.Globalization;
using Bazaar.Accounts;
using Bazaar.Admin.Capacity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin.Pages;

/// <summary>
/// Capacity and reliability for the operator: the mix this instance served (or the last benchmark's),
/// how many instances it needs at a target rate and p99, and how available they are together.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CapacityModel(ServedRequests served, TimeProvider clock, IStringLocalizer<BackOfficeText> t) : PageModel
{
    /// <summary>CPU milliseconds per request measured by `bash bench/run.sh` (bench/results/2026-11-26-4.md), in the storefront funnel's shares.</summary>
    public const string BenchmarkMix =
        "home=10:0.073,category=20:0.102,product_html=40:0.139,product_api=5:0.141,search=10:0.464,cart=10:1.746,checkout=5:1.881";

    /// <summary>Below this many requests the served mix says more about the tests than about the shop.</summary>
    public const int FewestServedForAMix = 100;

    [BindProperty(SupportsGet = true)] public string? Mix { get; set; }
    [BindProperty(SupportsGet = true)] public double? Rate { get; set; }
    [BindProperty(SupportsGet = true)] public double P99 { get; set; } = 500;
    [BindProperty(SupportsGet = true)] public int Cores { get; set; } = 2;
    [BindProperty(SupportsGet = true)] public double MtbfDays { get; set; } = 30;
    [BindProperty(SupportsGet = true)] public double MttrSeconds { get; set; } = 10;

    public IReadOnlyList<ServedKind> Served { get; private set; } = [];
    public double ServedPerSecond { get; private set; }
    public bool MixFromServed { get; private set; }
    public CapacityPlan? Plan { get; private set; }
    public int? Needed { get; private set; }
    public ReliabilityModel? Reliability { get; private set; }
    public IReadOnlyList<InstancesPrediction> Rows { get; private set; } = [];

    /// <summary>Availability of the needed instances and of one and two spares.</summary>
    public IReadOnlyList<(int Instances, int Needed, double Availability)> Redundancy { get; private set; } = [];

    public void OnGet()
    {
        Served = served.Snapshot();
        var seconds = Math.Max(1, (clock.GetUtcNow() - served.Since).TotalSeconds);
        var total = Served.Sum(k => k.Count);
        ServedPerSecond = total / seconds;
        if (string.IsNullOrWhiteSpace(Mix))
        {
            MixFromServed = total >= FewestServedForAMix;
            Mix = MixFromServed
                ? string.Join(',', Served.Take(12).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Name}={k.Count}:{k.MeanSeconds * 1000:0.###}")))
                : BenchmarkMix;
        }
        Rate ??= MixFromServed ? Math.Max(1, Math.Round(ServedPerSecond)) : 1000;

        if (Rate <= 0) ModelState.AddModelError(nameof(Rate), t["Give a rate above 0."]);
        if (P99 <= 0) ModelState.AddModelError(nameof(P99), t["Give a p99 target above 0 ms."]);
        if (Cores < 1) ModelState.AddModelError(nameof(Cores), t["An instance has at least one core."]);
        if (MtbfDays <= 0 || MttrSeconds < 0) ModelState.AddModelError(nameof(MtbfDays), t["MTBF must be above 0 and MTTR 0 or more."]);
        RequestMix? mix = null;
        try { mix = MixText.Parse(Mix, []); }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            ModelState.AddModelError(nameof(Mix), t["The mix is not name=share:milliseconds, …: {0}", e.Message]);
        }
        if (!ModelState.IsValid || mix is null)
            return;
        Plan = new CapacityPlan(mix, Rate.Value, 0.99, P99 / 1000, Cores);
        Needed = Plan.InstancesNeeded();
        Rows = CapacityReport.RowsFor(Needed).Select(Plan.Predict).ToList();
        Reliability = new ReliabilityModel(MtbfDays * 86_400, MttrSeconds);
        var k = Math.Max(1, Needed ?? 1);
        Redundancy = new[] { k, k + 1, k + 2 }.Select(n => (n, k, Reliability.AvailabilityOf(n, k))).ToList();
    }
}
