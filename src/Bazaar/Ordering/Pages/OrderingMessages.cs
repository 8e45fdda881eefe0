using Bazaar.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Bazaar.Ordering.Pages;

/// <summary>What checkout, paying and the order's handlers may say to a shopper's page (see <see cref="HandlerMessages"/>).</summary>
public static class OrderingMessages
{
    public static HandlerMessages Messages(this IStringLocalizer<OrderingText> t) => new([
        // Placing the order (PlaceOrder); the page itself keeps the quantity and the one-time key in range.
        t["Choose a delivery address (addressId)."],
        t["productId is required."],
        t["That address is not in your address book."],
        t["Your cart is empty."],
        t["At most {0} units of one product per order."],
        t["Not for sale: product(s) {0}."],
        t["Not enough stock."],
        t["Sold out or not enough left: {0}. Nothing was reserved."],
        t["This Idempotency-Key was already used for a different order request. Use a new key for a new order."],
        // What the preview finds before the order is placed (PreviewOrder)
        t["Product {0} is not for sale."],
        t["{0}: only {1} left."],
        // Paying (PayOrder, and the gateway behind it)
        t["This order was cancelled; it can no longer be paid."],
        t["This order is already paid."],
        t["The time to pay this order has run out; it is being cancelled."],
        t["The payment gateway is not answering."],
        t["Nothing was charged. Please try again in a minute."],
        t["The payment gateway refused the payment."],
        t["Nothing was charged. The shop has been told; please try again later."],
    ]);
}
