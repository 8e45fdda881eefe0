namespace Bazaar.Platform.Web;

/// <summary>Collects field messages during validation; keys are the API's camelCase field names.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
            _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public void Required(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"{label} is required.");
        else if (value.Length > maxLength)
            Add(field, $"{label} must be at most {maxLength} characters.");
        else if (HasControlCharacters(value))
            Add(field, $"{label} cannot contain control characters.");
    }

    public void Optional(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"{label} must be at most {maxLength} characters.");
        else if (value is not null && HasControlCharacters(value))
            Add(field, $"{label} cannot contain control characters.");
    }

    /// <summary>
    /// A null character cannot be stored by PostgreSQL at all (a 500 where a form post carried one, which
    /// the JSON and query-string doors already refuse up front); the other C0 controls are invisible on
    /// every page and label. Line breaks and tabs stay: descriptions and streets may have them.
    /// </summary>
    public static bool HasControlCharacters(string value) => value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));

    public string Summary() => string.Join(" ", _errors.SelectMany(e => e.Value));

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
}
