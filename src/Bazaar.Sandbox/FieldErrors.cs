using System.Text.Json;

namespace Bazaar.Sandbox;

/// <summary>Collects what is wrong with a request, field by field, for one 400 ValidationProblem.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public string Required(string field, string? value, int max = Wire.MaxText)
    {
        if (string.IsNullOrWhiteSpace(value))
            Add(field, $"{field} is required.");
        else if (value.Length > max)
            Add(field, $"{field} must be at most {max} characters.");
        return value ?? "";
    }

    public string Optional(string field, string? value, int max = Wire.MaxText)
    {
        if (value is { Length: > 0 } && value.Length > max)
            Add(field, $"{field} must be at most {max} characters.");
        return value ?? "";
    }

    public decimal Money(string field, string? value)
    {
        if (Wire.ParseMoney(value) is { } amount)
            return amount;
        Add(field, $"{field} {Wire.MoneyRule}.");
        return 0;
    }

    public string Url(string field, string? value)
    {
        if (!Wire.IsHttpUrl(value))
            Add(field, $"{field} must be an absolute http or https URL.");
        else if (value!.Length > Wire.MaxText)
            Add(field, $"{field} must be at most {Wire.MaxText} characters.");
        return value ?? "";
    }

    public string Currency(string field, string? value)
    {
        if (value is not { Length: 3 } || !value.All(char.IsAsciiLetter))
        {
            Add(field, $"{field} must be three letters, like \"CNY\".");
            return "";
        }
        return value.ToUpperInvariant();
    }

    public IResult ToResult(string? detail = null, string title = "The request has invalid fields.") =>
        Results.ValidationProblem(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), detail: detail, title: title);

    /// <summary>
    /// Reads a JSON body by hand: binding it in the handler's signature would make a malformed body
    /// the host's business, a 400 in the shop but not necessarily elsewhere.
    /// </summary>
    public static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request) where T : class
    {
        const string unreadable = "The request could not be read.";
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Wire.Json, request.HttpContext.RequestAborted);
            return body is null
                ? (null, Results.Problem(title: unreadable, detail: "The JSON body is null.", statusCode: 400))
                : (body, null);
        }
        catch (JsonException e)
        {
            var detail = $"The JSON body is invalid: {e.Message}";
            if (e.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
                return (null, Results.Problem(title: unreadable, detail: detail, statusCode: 400));
            var errors = new FieldErrors();
            errors.Add(path[2..], $"{path[2..]} has the wrong type or form.");
            return (null, errors.ToResult(detail, unreadable));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Results.Problem(title: unreadable, detail: e.Message, statusCode: e.StatusCode));
        }
    }
}
