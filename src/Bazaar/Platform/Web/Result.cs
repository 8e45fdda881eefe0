namespace Bazaar.Platform.Web;

/// <summary>What went wrong, in terms both doors (API and page) can show.</summary>
public sealed record Problem(int Status, string Title, string? Detail = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>When the client may try again (lockout, rate limit); sent as Retry-After.</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>Machine-readable details beside the message (the ids of sold-out products, say).</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Problem NotFound(string what) => new(StatusCodes.Status404NotFound, $"{what} not found.");
    public static Problem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);
    public static Problem Invalid(FieldErrors errors) =>
        new(StatusCodes.Status400BadRequest, "One or more fields are invalid.", errors.Summary(), errors.ToDictionary());
}

/// <summary>The outcome of a handler: a value, or a problem. Never an exception for bad input.</summary>
public readonly record struct Result<T>
{
    public T? Value { get; }
    public Problem? Problem { get; }
    public bool Succeeded => Problem is null;

    private Result(T? value, Problem? problem) { Value = value; Problem = problem; }

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Problem problem) => new(default, problem);
}
