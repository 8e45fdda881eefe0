namespace Bazaar.Ordering;

public sealed record OrderLineView(int ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record ShippingAddress(string Recipient, string Phone, string Province, string City, string District,
    string Street, string Postcode);

/// <summary>An order as its customer (and the API) sees it.</summary>
public sealed record OrderView(Guid Id, string Number, string Status, decimal Subtotal, decimal ShippingFee, decimal Total,
    string Currency, DateTime PlacedAt, DateTime PaymentDueAt, ShippingAddress Address, IReadOnlyList<OrderLineView> Lines)
{
    public static OrderView From(Order o, bool chinese) => new(o.Id, o.Number, o.Status.ToString(), o.Subtotal, o.ShippingFee,
        o.Total, o.Currency, o.PlacedAt, o.PaymentDueAt,
        new ShippingAddress(o.Recipient, o.Phone, o.Province, o.City, o.District, o.Street, o.Postcode),
        o.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLineView(l.ProductId, l.Sku, chinese ? l.NameZh : l.NameEn,
            l.UnitPrice, l.Quantity, l.LineTotal)).ToList());
}
