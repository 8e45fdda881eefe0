using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin.Operations;

/// <summary>
/// The alerts Prometheus is firing, from its /api/v1/alerts, when <c>Telemetry:PrometheusUrl</c> is
/// set (deploy/cluster.sh with PROMETHEUS=1). Asked with a short deadline on every refresh: a
/// Prometheus that is slow or away is a note on the page, never an error, and never holds it up.
/// </summary>
public sealed class ReadPrometheusAlerts(HttpClient http, IConfiguration config, ILogger<ReadPrometheusAlerts> log,
    IStringLocalizer<BackOfficeText> t)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public async Task<PrometheusAlerts> HandleAsync(CancellationToken ct)
    {
        if (config["Telemetry:PrometheusUrl"] is not { Length: > 0 } url || !Uri.TryCreate(url.TrimEnd('/') + "/api/v1/alerts", UriKind.Absolute, out var uri))
            return new PrometheusAlerts(false, [], null);
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Deadline);
            using var response = await http.GetAsync(uri, deadline.Token);
            if (!response.IsSuccessStatusCode)
                return new PrometheusAlerts(true, [], t["Prometheus answered {0}.", (int)response.StatusCode]);
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
            var firing = json.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
                .Where(a => Text(a, "state") == "firing")
                .Select(a => new OperationsAlert(Text(a.GetProperty("labels"), "alertname") ?? "?",
                    a.TryGetProperty("annotations", out var notes) ? Text(notes, "summary") ?? "" : "",
                    Text(a.GetProperty("labels"), "instance")))
                .ToList();
            return new PrometheusAlerts(true, firing, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException
                                      or InvalidOperationException && !ct.IsCancellationRequested)
        {
            log.LogDebug(e, "Prometheus's alerts could not be read.");
            return new PrometheusAlerts(true, [], t["Prometheus could not be read in time; the shop's own checks still stand."]);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;
}
