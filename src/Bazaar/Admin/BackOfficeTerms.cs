using Bazaar.Platform;
using Microsoft.Extensions.Localization;

namespace Bazaar.Admin;

/// <summary>
/// What the back office calls the shop's states and kinds (order statuses, payment, parcel, stock
/// movements, texts, audit actions). Each value has a literal key, so the resource test sees every
/// one; a value this shop does not know yet is shown as it is stored rather than hidden.
/// </summary>
[ModuleContract]
public static class BackOfficeTerms
{
    public static string OrderStatus(this IStringLocalizer<BackOfficeText> t, string status) => status switch
    {
        "PendingPayment" => t["Awaiting payment"],
        "Paid" => t["Paid"],
        "Shipped" => t["Shipped"],
        "Delivered" => t["Delivered"],
        "Completed" => t["Completed"],
        "Cancelled" => t["Cancelled"],
        "Refunded" => t["Refunded"],
        _ => status,
    };

    public static string PaymentStatus(this IStringLocalizer<BackOfficeText> t, string status) => status switch
    {
        "Pending" => t["Payment pending"],
        "Succeeded" => t["Payment succeeded"],
        "Failed" => t["Payment failed"],
        _ => status,
    };

    public static string RefundStatus(this IStringLocalizer<BackOfficeText> t, string status) => status switch
    {
        "Requested" => t["Refund requested"],
        "Succeeded" => t["Refund succeeded"],
        "Failed" => t["Refund failed"],
        _ => status,
    };

    /// <summary>The carrier's words for where a parcel is (the wire's snake_case names).</summary>
    public static string ParcelStatus(this IStringLocalizer<BackOfficeText> t, string status) => status switch
    {
        "requested" => t["Booking requested"],
        "booked" => t["Booked with the carrier"],
        "picked_up" => t["Picked up"],
        "in_transit" => t["In transit"],
        "out_for_delivery" => t["Out for delivery"],
        "delivered" => t["Delivered"],
        _ => status,
    };

    public static string StockMovement(this IStringLocalizer<BackOfficeText> t, string kind) => kind switch
    {
        "Reserved" => t["Reserved by an order"],
        "Released" => t["Reservation released"],
        "Sold" => t["Sold"],
        "Returned" => t["Returned to stock"],
        "Adjusted" => t["Adjusted"],
        _ => kind,
    };

    public static string TextStatus(this IStringLocalizer<BackOfficeText> t, string status) => status switch
    {
        "Pending" => t["Waiting to send"],
        "Sent" => t["Sent"],
        "NoPhone" => t["No phone number"],
        _ => status,
    };

    public static string TextKind(this IStringLocalizer<BackOfficeText> t, string kind) => kind switch
    {
        "placed" => t["Order placed"],
        "paid" => t["Payment received"],
        "shipped" => t["Order shipped"],
        "delivered" => t["Order delivered"],
        "refunded" => t["Money refunded"],
        _ => kind,
    };

    public static string ImportState(this IStringLocalizer<BackOfficeText> t, string state) => state switch
    {
        "queued" => t["Waiting to start"],
        "running" => t["Importing"],
        "done" => t["Done"],
        "failed" => t["Failed"],
        _ => state,
    };

    public static string Role(this IStringLocalizer<BackOfficeText> t, string role) => role switch
    {
        "Admin" => t["Operator"],
        "Customer" => t["Customer"],
        _ => role,
    };

    /// <summary>The actions the shop records, as the audit page's filter offers them (a filter matches a prefix: "account." finds them all).</summary>
    public static readonly string[] AuditActions =
    [
        "account.signed-in", "account.sign-in-failed", "account.locked-out", "account.sign-in-refused-locked", "account.locked",
        "account.unlocked", "account.role-granted", "category.moved", "order.shipped", "order.refunded", "order.cancelled", "product.created",
        "product.price-changed", "product.published", "product.unpublished", "product.photo-added", "product.photo-removed",
        "product.imported", "product.exported", "stock.adjusted", "stock.threshold-set",
    ];

    public static string AuditAction(this IStringLocalizer<BackOfficeText> t, string action) => action switch
    {
        "account.signed-in" => t["Signed in"],
        "account.sign-in-failed" => t["Sign-in failed"],
        "account.locked-out" => t["Locked out after failed sign-ins"],
        "account.sign-in-refused-locked" => t["Sign-in refused: account locked"],
        "account.locked" => t["Account locked"],
        "account.unlocked" => t["Account unlocked"],
        "account.role-granted" => t["Role granted"],
        "category.moved" => t["Category moved"],
        "order.cancelled" => t["Order cancelled"],
        "order.refunded" => t["Order refunded"],
        "order.shipped" => t["Order shipped"],
        "product.created" => t["Product created"],
        "product.price-changed" => t["Price changed"],
        "product.published" => t["Product published"],
        "product.unpublished" => t["Product unpublished"],
        "product.photo-added" => t["Picture added"],
        "product.photo-removed" => t["Picture removed"],
        "product.imported" => t["Products imported"],
        "product.exported" => t["Products exported"],
        "stock.adjusted" => t["Stock adjusted"],
        "stock.threshold-set" => t["Low-stock threshold set"],
        _ => action,
    };
}
