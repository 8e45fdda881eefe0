using Bazaar.Platform;

namespace Bazaar.Ordering;

[ModuleContract]
public sealed record OrderLineView(int ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

[ModuleContract]
public sealed record ShippingAddress(string Recipient, string Phone, string Province, string City, string District,
    string Street, string Postcode);

/// <summary>An order as its customer (and the API) sees it; also what IOrders answers other modules.</summary>
[ModuleContract]
public sealed record OrderView(Guid Id, string Number, string Status, decimal Subtotal, decimal ShippingFee, decimal Total,
    string Currency, DateTime PlacedAt, DateTime PaymentDueAt, ShippingAddress Address, IReadOnlyList<OrderLineView> Lines)
{
    public static OrderView From(Order o, bool chinese) => new(o.Id, o.Number, o.Status.ToString(), Money(o.Subtotal),
        Money(o.ShippingFee), Money(o.Total), o.Currency, o.PlacedAt, o.PaymentDueAt,
        new ShippingAddress(o.Recipient, o.Phone, o.Province, o.City, o.District, o.Street, o.Postcode),
        o.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLineView(l.ProductId, l.Sku, chinese ? l.NameZh : l.NameEn,
            Money(l.UnitPrice), l.Quantity, Money(l.LineTotal))).ToList());

    /// <summary>
    /// Always two decimals (12.50, never 12.5): the same order reads the same whether it was just
    /// computed or read back from either database, so an idempotent retry gets an identical body.
    /// </summary>
    public static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;
}
