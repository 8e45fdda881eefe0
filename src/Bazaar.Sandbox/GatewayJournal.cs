using System.Text;
using System.Text.Json;

namespace Bazaar.Sandbox;

/// <summary>A notification the gateway owes the shop: a trade one, or a refund one when OutRefundNo is set.</summary>
public sealed record OwedNotification(string NotifyId, string PaymentId, string? OutRefundNo);

/// <summary>What the journal held when the sandbox started: the latest state of each payment and refund, and what is still owed.</summary>
public sealed record GatewayBooks(IReadOnlyList<Payment> Payments, IReadOnlyList<Refund> Refunds, IReadOnlyList<OwedNotification> Owed);

/// <summary>
/// The gateway's books on disk (Sandbox:Gateway:KeepBooks): one JSON line per change, written to
/// disk before the change is answered and read back on start. A real gateway never forgets a
/// payment it took money for nor a notification it still owes; with the books kept, the sandbox
/// does not either, even across a kill -9. Off by default: the embedded sandbox and the tests start
/// empty, as before. The file only grows; a sandbox's life is short.
/// </summary>
public sealed class GatewayJournal : IDisposable
{
    public const string FileName = "gateway-books.jsonl";

    private sealed record Line(Payment? Payment = null, Refund? Refund = null, OwedNotification? Owed = null, string? Delivered = null);

    private readonly Lock _gate = new();
    private readonly string? _path;
    private FileStream? _file;

    private GatewayJournal(string? path) => _path = path;

    public static GatewayJournal Off() => new(null);

    public static GatewayJournal In(string directory) => new(Path.Combine(directory, FileName));

    public bool Keeps => _path is not null;

    public GatewayBooks Read()
    {
        if (_path is null || !File.Exists(_path))
            return new GatewayBooks([], [], []);
        var payments = new Dictionary<string, Payment>(StringComparer.Ordinal);
        var refunds = new Dictionary<string, Refund>(StringComparer.Ordinal);
        var owed = new Dictionary<string, OwedNotification>(StringComparer.Ordinal);
        foreach (var text in File.ReadLines(_path))
        {
            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, Wire.Json);
            }
            catch (JsonException)
            {
                continue; // the last line of a write cut short by a power loss; everything before it stands
            }
            if (line?.Payment is { } p)
                payments[p.PaymentId] = p;
            if (line?.Refund is { } r)
                refunds[r.OutRefundNo] = r;
            if (line?.Owed is { } o)
                owed[o.NotifyId] = o;
            if (line?.Delivered is { } d)
                owed.Remove(d);
        }
        // Dictionaries keep insertion order while nothing is removed: payments come back oldest first.
        return new GatewayBooks(payments.Values.ToList(), refunds.Values.ToList(), owed.Values.ToList());
    }

    public void Write(Payment payment, OwedNotification? owed = null) => Append(new Line(Payment: payment, Owed: owed));

    public void Write(Payment payment, Refund refund, OwedNotification owed) => Append(new Line(payment, refund, owed));

    public void Delivered(string notifyId) => Append(new Line(Delivered: notifyId));

    private void Append(Line line)
    {
        if (_path is null)
            return;
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(line, Wire.Json) + "\n");
        lock (_gate)
        {
            _file ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            _file.Write(bytes);
            // To the disk, not just the OS: the shopper is told "paid" only after this returns.
            _file.Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        lock (_gate) _file?.Dispose();
    }
}
