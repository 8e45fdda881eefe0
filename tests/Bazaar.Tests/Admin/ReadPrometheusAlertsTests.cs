using System.Net;
using System.Text;
using Bazaar.Admin;
using Bazaar.Admin.Operations;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bazaar.Tests.Admin;

/// <summary>Prometheus's alerts on the operations page: the firing ones listed, an unreachable Prometheus a note.</summary>
public sealed class ReadPrometheusAlertsTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    private sealed class Answer(Func<CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public Uri? Asked { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Asked = request.RequestUri;
            return answer(ct);
        }
    }

    private ReadPrometheusAlerts Reader(HttpMessageHandler handler, string? url = "http://127.0.0.1:5494/") =>
        new(new HttpClient(handler), new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:PrometheusUrl"] = url }).Build(),
            NullLogger<ReadPrometheusAlerts>.Instance, shop.Services.GetRequiredService<IStringLocalizer<BackOfficeText>>());

    [Fact]
    public async Task Only_the_firing_alerts_are_listed_with_their_summary_and_instance()
    {
        const string body = """
            {"status":"success","data":{"alerts":[
              {"labels":{"alertname":"BazaarInstanceDown","instance":"127.0.0.1:5481"},"annotations":{"summary":"Shop instance down"},"state":"firing"},
              {"labels":{"alertname":"BazaarSlowRequests"},"annotations":{"summary":"slow"},"state":"pending"}]}}
            """;
        var handler = new Answer(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") }));

        var alerts = await Reader(handler).HandleAsync(default);

        Assert.Equal("http://127.0.0.1:5494/api/v1/alerts", handler.Asked!.ToString());
        var firing = Assert.Single(alerts.Firing);
        Assert.Equal(("BazaarInstanceDown", "Shop instance down", "127.0.0.1:5481"), (firing.Name, firing.Text, firing.Instance));
        Assert.Null(alerts.Note);
    }

    [Fact]
    public async Task A_prometheus_that_is_away_or_slow_or_answers_nonsense_is_a_note()
    {
        var away = await Reader(new Answer(_ => throw new HttpRequestException("Connection refused"))).HandleAsync(default);
        var slow = await Reader(new Answer(async ct => { await Task.Delay(TimeSpan.FromSeconds(30), ct); return new HttpResponseMessage(); })).HandleAsync(default);
        var nonsense = await Reader(new Answer(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>") })))
            .HandleAsync(default);
        var unset = await Reader(new Answer(_ => throw new InvalidOperationException("not asked")), url: null).HandleAsync(default);

        foreach (var note in new[] { away, slow, nonsense })
        {
            Assert.True(note.Configured);
            Assert.Empty(note.Firing);
            Assert.Contains("Prometheus could not be read in time", note.Note);
        }
        Assert.False(unset.Configured);
    }
}
