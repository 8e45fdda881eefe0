using Bazaar.Platform;

namespace Bazaar.Ordering;

/// <summary>Where an order stands; part of the events other modules handle, so a contract.</summary>
[ModuleContract]
public enum OrderStatus { PendingPayment, Paid, Shipped, Delivered, Completed, Cancelled, Refunded }

/// <summary>
/// A customer's order: a snapshot of what was bought, at what price, delivered where. Its status
/// moves only along the edges of <see cref="Transitions"/>, each move a conditional UPDATE on the
/// status it comes from (see ChangeOrderStatus), so two instances can never both apply one.
/// </summary>
public sealed class Order
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
    public OrderStatus Status { get; set; }
    public decimal Subtotal { get; set; }
    public decimal ShippingFee { get; set; }
    public decimal Total { get; set; }
    public string Currency { get; set; } = "CNY";
    public string Recipient { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string District { get; set; } = "";
    public string Street { get; set; } = "";
    public string Postcode { get; set; } = "";
    public DateTime PlacedAt { get; set; }
    public DateTime PaymentDueAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the carrier delivered the parcel; Ordering:AutoCompleteAfter later the order completes.</summary>
    public DateTime? DeliveredAt { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? RequestHash { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    public static readonly IReadOnlyDictionary<OrderStatus, OrderStatus[]> Transitions = new Dictionary<OrderStatus, OrderStatus[]>
    {
        [OrderStatus.PendingPayment] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Shipped, OrderStatus.Refunded],
        // A parcel can come back at any point after it left; a full refund then closes the order.
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Completed, OrderStatus.Refunded],
        [OrderStatus.Completed] = [OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Transitions[from].Contains(to);
}

public sealed class OrderLine
{
    public Guid OrderId { get; set; }
    public int LineNo { get; set; }
    public int ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public decimal UnitPrice { get; set; }
    public int Quantity { get; set; }
    public decimal LineTotal { get; set; }
}

/// <summary>Every move of an order's status: when, from what, to what, by whom, and why.</summary>
public sealed class OrderStatusChange
{
    public long Id { get; set; }
    public Guid OrderId { get; set; }
    public OrderStatus? From { get; set; }
    public OrderStatus To { get; set; }
    public DateTime At { get; set; }
    public string By { get; set; } = "";
    public string? Reason { get; set; }
}
