using System.Net;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Bazaar.Tests.Sandbox;

/// <summary>A callback as the shop's endpoint would have received it.</summary>
public sealed record ReceivedCallback(HttpMethod Method, Uri Url, string? ContentType,
    IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The urlencoded form fields, decoded the way ASP.NET Core's form reader would.</summary>
    public IReadOnlyDictionary<string, string> Form =>
        QueryHelpers.ParseQuery(Text).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
}

/// <summary>Stands in for the shop's endpoints: records every callback and answers what the test says.</summary>
public sealed class CallbackRecorder : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedCallback> _received = [];

    /// <summary>What the "shop" answers; by default it acknowledges like a notification endpoint should.</summary>
    public Func<ReceivedCallback, HttpResponseMessage> Answer { get; set; } = _ => Reply(HttpStatusCode.OK, "success");

    public IReadOnlyList<ReceivedCallback> Received
    {
        get { lock (_gate) return _received.ToList(); }
    }

    public static HttpResponseMessage Reply(HttpStatusCode status, string body = "") =>
        new(status) { Content = new StringContent(body) };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var received = new ReceivedCallback(request.Method, request.RequestUri!, request.Content?.Headers.ContentType?.ToString(),
            headers, body);
        lock (_gate)
            _received.Add(received);
        return Answer(received);
    }

    // The client factory disposes expired handler chains; this one must outlive them for the test to read it.
    protected override void Dispose(bool disposing)
    {
    }
}
