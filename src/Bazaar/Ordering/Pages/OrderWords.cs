using Microsoft.Extensions.Localization;

namespace Bazaar.Ordering.Pages;

/// <summary>
/// The states of an order, its payment and its parcel, and who moved it, as a shopper reads them.
/// The views carry the API's words (PendingPayment, picked_up …); each is mapped to a literal key
/// here, so the resource tests see every one. A word the shop does not know yet is shown as it is.
/// </summary>
public static class OrderWords
{
    public static string OrderStatus(this IStringLocalizer<OrderingText> t, string status) => status switch
    {
        nameof(Ordering.OrderStatus.PendingPayment) => t["Awaiting payment"],
        nameof(Ordering.OrderStatus.Paid) => t["Paid, awaiting shipment"],
        nameof(Ordering.OrderStatus.Shipped) => t["Shipped"],
        nameof(Ordering.OrderStatus.Delivered) => t["Delivered"],
        nameof(Ordering.OrderStatus.Completed) => t["Completed"],
        nameof(Ordering.OrderStatus.Cancelled) => t["Cancelled"],
        nameof(Ordering.OrderStatus.Refunded) => t["Refunded"],
        _ => status,
    };

    public static string PaymentStatus(this IStringLocalizer<OrderingText> t, string status) => status switch
    {
        "Pending" => t["Awaiting confirmation"],
        "Succeeded" => t["Payment received"],
        "Failed" => t["Payment failed"],
        _ => status,
    };

    /// <summary>The carrier's words (Shipping's FindShipment.Name), for the parcel and each step of its timeline.</summary>
    public static string ShipmentStatus(this IStringLocalizer<OrderingText> t, string status) => status switch
    {
        "requested" => t["Waiting for a carrier"],
        "booked" => t["Booked, awaiting pickup"],
        "picked_up" => t["Picked up"],
        "in_transit" => t["In transit"],
        "out_for_delivery" => t["Out for delivery"],
        "delivered" => t["Delivered"],
        _ => status,
    };

    /// <summary>
    /// Who moved the order. Operators are "customer service" to the shopper: their user names are
    /// the back office's business.
    /// </summary>
    public static string Who(this IStringLocalizer<OrderingText> t, string by) => by switch
    {
        "customer" => t["You"],
        "payment" => t["Payment service"],
        "carrier" => t["Carrier"],
        "system" => t["System"],
        _ => t["Customer service"],
    };

    /// <summary>Why it moved: the shop's own reasons translated; an operator's, written by a person, as written.</summary>
    public static string Why(this IStringLocalizer<OrderingText> t, string reason) => new Platform.Web.HandlerMessages([
        t["placed"],
        t["paid {0}"],
        t["tracking {0}"],
        t["delivered, tracking {0}"],
        t["delivered and no complaint"],
        t["payment timeout"],
        t["cancelled by the customer"],
    ]).Say(reason);
}
