using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bazaar.Sandbox;

/// <summary>How values look on the wire: money as "123.45", times as "2026-11-25T18:22:44Z".</summary>
public static partial class Wire
{
    public const int MaxText = 500;
    public const decimal MaxAmount = 1_000_000.00m;

    /// <summary>
    /// Our own options, not the host's: mounted in the shop, the shop's JSON settings must not change
    /// the sandbox's field names. Relaxed escaping keeps Chinese, "+8613…" and base64 signatures
    /// readable; the bodies are JSON, never inlined into HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Exactly two decimals, positive, at most 1,000,000.00; null when it is not.</summary>
    public static decimal? ParseMoney(string? text)
    {
        if (text is null || !MoneyPattern().IsMatch(text))
            return null;
        var amount = decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return amount is > 0 and <= MaxAmount ? amount : null;
    }

    public const string MoneyRule = "must be a positive amount with two decimals, at most 1000000.00, like \"123.45\"";

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    [GeneratedRegex(@"^[0-9]{1,7}\.[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();
}
