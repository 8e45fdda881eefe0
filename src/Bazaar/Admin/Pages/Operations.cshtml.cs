using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bazaar.Accounts;
using Bazaar.Admin.Operations;
using Bazaar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Bazaar.Admin.Pages;

/// <summary>
/// The operations page: every instance's figures of the last minute and charts of the last hour,
/// their health and the alerts firing. Rendered complete, then js/operations.js redraws it from
/// GET /api/v1/admin/operations every 5 s.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class OperationsModel(ViewOperations operations, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IStringLocalizer<BackOfficeText> t) : PageModel
{
    public sealed record Figure(string Key, string Label, string Value);

    public sealed record InstanceRow(string Name, bool Up, string State, string Readiness, string LastSeen, string RequestsPerSecond,
        string P99, string ErrorRatio);

    public OperationsView View { get; private set; } = null!;
    public IReadOnlyList<Figure> Figures { get; private set; } = [];
    public IReadOnlyList<InstanceRow> Instances { get; private set; } = [];
    public string GeneratedAt { get; private set; } = "";

    /// <summary>The view as the API serialises it, for the script; the default encoder keeps it inside its &lt;script&gt; block.</summary>
    public string Json { get; private set; } = "{}";

    /// <summary>The words the script writes, in the page's language: the script itself holds none.</summary>
    public string Texts { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await operations.HandleAsync(ct);
        var n = View.Now;
        Figures =
        [
            new("requestsPerSecond", t["Requests per second"], Number(n.RequestsPerSecond, "0.0")),
            new("p50Ms", t["p50 latency"], Ms(n.P50Ms)),
            new("p99Ms", t["p99 latency"], Ms(n.P99Ms)),
            new("errorRatio", t["5xx ratio"], Percent(n.ErrorRatio, "0.00")),
            new("ordersPerMinute", t["Orders per minute"], Number(n.OrdersPerMinute, "0.0")),
            new("cacheHitRatio", t["Cache hit ratio"], Percent(n.CacheHitRatio, "0.0")),
            new("outboxBacklog", t["Outbox backlog"], n.OutboxBacklog is { } b ? b.ToString(CultureInfo.CurrentCulture) : "—"),
            new("outboxOldestSeconds", t["Oldest outbox event"], Seconds(n.OutboxOldestSeconds)),
            new("replicationLagSeconds", t["Replication lag"], Seconds(n.ReplicationLagSeconds)),
        ];
        Instances = View.Instances.Select(i => new InstanceRow(i.Name, i.Up,
            i.Up ? t["Up"] : t["Down"],
            !i.Up ? "—" : i.Unready is { } unready ? (i.Ready ? t["Ready"] : t["Not ready"]) + " (" + unready + ")" : t["Ready"],
            ChinaTime.Seconds(i.LastSeen), Number(i.RequestsPerSecond, "0.0"), Ms(i.P99Ms), Percent(i.ErrorRatio, "0.00"))).ToList();
        GeneratedAt = ChinaTime.Seconds(View.GeneratedAt);
        Json = JsonSerializer.Serialize(View, new JsonSerializerOptions(json.Value.SerializerOptions) { Encoder = JavaScriptEncoder.Default });
        Texts = JsonSerializer.Serialize(new
        {
            up = t["Up"].Value,
            down = t["Down"].Value,
            ready = t["Ready"].Value,
            notReady = t["Not ready"].Value,
            noAlerts = t["Nothing is firing."].Value,
            requestsSeries = t["Requests per second"].Value,
            p50Series = t["p50 latency"].Value + " (ms)",
            p99Series = t["p99 latency"].Value + " (ms)",
            errorSeries = t["5xx ratio"].Value + " (%)",
            ordersSeries = t["Orders per minute"].Value,
            updated = t["Figures as of {0}."].Value,
            stale = t["The figures could not be refreshed; trying again."].Value,
        }, new JsonSerializerOptions { Encoder = JavaScriptEncoder.Default });
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.CurrentCulture);
    private static string Ms(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.CurrentCulture) + " ms" : "—";
    private static string Seconds(double? s) => s is { } v ? v.ToString("0.0", CultureInfo.CurrentCulture) + " s" : "—";
    private static string Percent(double? ratio, string format) =>
        ratio is { } r ? (r * 100).ToString(format, CultureInfo.CurrentCulture) + " %" : "—";
}
