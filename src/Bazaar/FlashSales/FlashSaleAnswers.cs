using Bazaar.Platform.Web;

namespace Bazaar.FlashSales;

/// <summary>
/// The answers a buyer can get besides an order, each a 409 with a machine-readable <c>code</c>, so
/// a client can tell "sold out" from "you already have one" without reading the English.
/// </summary>
public static class FlashSaleAnswers
{
    public const string SoldOutCode = "sold-out", AlreadyBoughtCode = "already-bought", NotStartedCode = "not-started",
        EndedCode = "ended";

    public static Problem SoldOut(FlashSaleTerms sale) => Conflict("Sold out.",
        $"All {sale.Quantity} units of this flash sale are taken.", SoldOutCode);

    public static Problem AlreadyBought(Guid? orderId) => Conflict("Already bought.",
        orderId is null
            ? "You already have a unit of this flash sale; its order is being completed and shows in your orders in a moment."
            : $"You already have a unit of this flash sale (order {orderId}): one per customer.",
        AlreadyBoughtCode, ("orderId", orderId));

    public static Problem NotStarted(FlashSaleTerms sale) =>
        Conflict("Not started yet.", $"This flash sale starts at {sale.StartsAt:yyyy-MM-dd HH:mm:ss} UTC.", NotStartedCode,
            ("startsAt", sale.StartsAt)) with { RetryAfter = new DateTimeOffset(sale.StartsAt, TimeSpan.Zero) };

    public static Problem Ended(FlashSaleTerms sale) =>
        Conflict("Ended.", $"This flash sale ended at {sale.EndsAt:yyyy-MM-dd HH:mm:ss} UTC.", EndedCode);

    public static string? CodeOf(Problem? problem) =>
        problem?.Extensions?.TryGetValue("code", out var code) == true ? code as string : null;

    private static Problem Conflict(string title, string detail, string code, params (string Key, object? Value)[] more)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in more)
            extensions[key] = value;
        return new Problem(StatusCodes.Status409Conflict, title, detail) { Extensions = extensions };
    }
}
