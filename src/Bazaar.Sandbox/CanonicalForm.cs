using System.Text;

namespace Bazaar.Sandbox;

/// <summary>
/// The string a gateway signature covers: every field but sign and sign_type whose value is not
/// empty, sorted by name (ordinal), joined as name=value with '&amp;', values not URL-encoded.
/// </summary>
public static class CanonicalForm
{
    public static string Of(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in fields
                     .Where(f => f.Key is not ("sign" or "sign_type") && !string.IsNullOrEmpty(f.Value))
                     .OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (builder.Length > 0)
                builder.Append('&');
            builder.Append(name).Append('=').Append(value);
        }
        return builder.ToString();
    }
}
