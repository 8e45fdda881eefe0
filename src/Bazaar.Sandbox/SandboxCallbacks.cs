using System.Net;

namespace Bazaar.Sandbox;

public enum CallbackKind { TradeNotification, RefundNotification, TrackingEvent }

public enum CallbackStatus { Pending, Delivered, GaveUp }

/// <summary>One try: the HTTP status (null when no answer came) and the start of the answer or the error.</summary>
public sealed record CallbackAttempt(int Number, DateTimeOffset At, int? StatusCode, string Answer, bool Acknowledged);

/// <summary>A callback as the pages and tests see it. Id is the notify_id or eventId; About the payment or parcel.</summary>
public sealed record CallbackDelivery(string Id, CallbackKind Kind, string About, string Url, CallbackStatus Status,
    DateTimeOffset QueuedAt, DateTimeOffset? DueAt, IReadOnlyList<CallbackAttempt> Attempts);

/// <summary>
/// Something to send out. Request is called once per try with the time of the try, so a tracking
/// event can carry a fresh timestamp while a notification keeps the fields of its first try.
/// </summary>
internal sealed record Callback(string Id, CallbackKind Kind, string About, string Url,
    Func<DateTimeOffset, HttpRequestMessage> Request, Func<HttpStatusCode, string, bool> Acknowledges, Action? Acknowledged = null);

/// <summary>
/// The queue of notifications and tracking events with their due times. Nothing here sleeps:
/// whoever calls DeliverDueAsync (the background loop, or a test with a fake clock) decides when.
/// </summary>
public sealed class SandboxCallbacks(IHttpClientFactory clients, TimeProvider clock, SandboxOptions options,
    ILogger<SandboxCallbacks> log)
{
    public const string HttpClientName = "sandbox-callbacks";

    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>Every callback ever queued, oldest first.</summary>
    public IReadOnlyList<CallbackDelivery> Deliveries
    {
        get { lock (_gate) return _entries.Select(e => e.Snapshot()).ToList(); }
    }

    public CallbackDelivery? Find(string id)
    {
        lock (_gate) return _entries.FirstOrDefault(e => e.Callback.Id == id)?.Snapshot();
    }

    /// <summary>The earliest due time among callbacks still waiting, or null when none waits.</summary>
    public DateTimeOffset? NextDueAt
    {
        get { lock (_gate) return _entries.Where(e => e.Status == CallbackStatus.Pending).Min(e => e.DueAt); }
    }

    internal void Queue(Callback callback)
    {
        var now = clock.GetUtcNow();
        lock (_gate) _entries.Add(new Entry(callback, now));
    }

    /// <summary>
    /// Makes one try of every callback due now and answers how many tries it made. Callbacks about the
    /// same payment or parcel go one after another in the order queued, others side by side; a
    /// callback already being sent by a concurrent call is left to that call.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<Entry> due;
        lock (_gate)
        {
            due = _entries.Where(e => e is { Status: CallbackStatus.Pending, InFlight: false } && e.DueAt <= now).ToList();
            foreach (var entry in due)
                entry.InFlight = true;
        }
        var sent = 0;
        try
        {
            await Task.WhenAll(due.GroupBy(e => e.Callback.About).Select(async about =>
            {
                foreach (var entry in about)
                {
                    await SendAsync(entry, ct);
                    Interlocked.Increment(ref sent);
                }
            }));
        }
        finally
        {
            lock (_gate)
                foreach (var entry in due)
                    entry.InFlight = false;
        }
        return sent;
    }

    /// <summary>1 s, 2 s, 4 s … after the first, second, third failed try, never more than the cap.</summary>
    public TimeSpan RetryDelay(int failedTries)
    {
        if (failedTries >= 32)
            return options.MaxRetryDelay; // 2^31 s is beyond any sensible cap, and the shift would overflow
        var delay = TimeSpan.FromSeconds(1L << Math.Max(0, failedTries - 1));
        return delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay;
    }

    private async Task SendAsync(Entry entry, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        int? status = null;
        string answer;
        var acknowledged = false;
        try
        {
            using var request = entry.Callback.Request(at);
            if (entry.TraceParent is { } traceParent && traceParent.StartsWith("00-", StringComparison.Ordinal))
                request.Headers.TryAddWithoutValidation("traceparent", traceParent);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            status = (int)response.StatusCode;
            answer = body.Length > 200 ? body[..200] + "…" : body;
            acknowledged = entry.Callback.Acknowledges(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw; // shutting down: not a try, it stays due
        }
        catch (Exception e)
        {
            // A refused connection, a timeout, a DNS failure: the receiver did not answer, so retry.
            answer = "no answer: " + e.Message;
        }
        int tries;
        lock (_gate)
        {
            entry.Attempts.Add(new CallbackAttempt(entry.Attempts.Count + 1, at, status, answer, acknowledged));
            tries = entry.Attempts.Count;
            if (acknowledged)
                entry.Status = CallbackStatus.Delivered;
            else if (entry.Attempts.Count >= options.NotifyAttempts)
                entry.Status = CallbackStatus.GaveUp;
            else
                entry.DueAt = clock.GetUtcNow() + RetryDelay(entry.Attempts.Count);
        }
        if (acknowledged)
            entry.Callback.Acknowledged?.Invoke();
        else
            log.LogInformation("Sandbox {Kind} {Id} to {Url}: try {Try} not acknowledged ({Status}: {Answer})",
                entry.Callback.Kind, entry.Callback.Id, entry.Callback.Url, tries, status, answer);
    }

    private sealed class Entry(Callback callback, DateTimeOffset queuedAt)
    {
        public Callback Callback { get; } = callback;
        public DateTimeOffset QueuedAt { get; } = queuedAt;
        public DateTimeOffset DueAt { get; set; } = queuedAt;
        public CallbackStatus Status { get; set; } = CallbackStatus.Pending;
        public bool InFlight { get; set; }
        public List<CallbackAttempt> Attempts { get; } = [];

        // The trace of the request that caused the callback (a refund the shop asked for, a shopper
        // paying), so the shop's handling of it shows in the same trace, as a real gateway's would not.
        public string? TraceParent { get; } = System.Diagnostics.Activity.Current?.Id;

        public CallbackDelivery Snapshot() => new(Callback.Id, Callback.Kind, Callback.About, Callback.Url, Status,
            QueuedAt, Status == CallbackStatus.Pending ? DueAt : null, Attempts.ToList());
    }
}
