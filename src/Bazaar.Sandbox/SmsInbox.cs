using System.Security.Cryptography;

namespace Bazaar.Sandbox;

public sealed record SmsMessage(string Id, string To, string Text, string? Reference, DateTimeOffset ReceivedAt);

/// <summary>Received is false when the reference had arrived already: the first message, unchanged.</summary>
public sealed record SmsReceipt(SmsMessage Message, bool Received);

/// <summary>Every text the shop sends, kept so a person (or a test) can read the code in it.</summary>
public sealed class SmsInbox(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<SmsMessage> _messages = [];
    private readonly Dictionary<string, SmsMessage> _byReference = new(StringComparer.Ordinal);

    /// <summary>Idempotent on reference when there is one: a retried send must not text the customer twice.</summary>
    public SmsReceipt Receive(string to, string text, string? reference)
    {
        reference = string.IsNullOrEmpty(reference) ? null : reference;
        lock (_gate)
        {
            if (reference is not null && _byReference.TryGetValue(reference, out var earlier))
                return new SmsReceipt(earlier, Received: false);
            var message = new SmsMessage("M" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), to, text, reference,
                clock.GetUtcNow());
            _messages.Add(message);
            if (reference is not null)
                _byReference[reference] = message;
            return new SmsReceipt(message, Received: true);
        }
    }

    /// <summary>Newest first; only those to the given number when there is one.</summary>
    public IReadOnlyList<SmsMessage> Messages(string? to = null)
    {
        lock (_gate)
            return _messages.Where(m => string.IsNullOrEmpty(to) || m.To == to).Reverse().ToList();
    }
}
