using Bazaar.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Bazaar.Cart.Pages;

/// <summary>What the cart's handlers may say to a shopper's page (see <see cref="HandlerMessages"/>).</summary>
public static class CartMessages
{
    public static HandlerMessages Messages(this IStringLocalizer<CartText> t) => new([
        // Adding and changing quantities (AddToCart, SetCartQuantity)
        t["productId is required."],
        t["quantity must be between 1 and {0}."],
        t["quantity must be between 1 and {0}; to take a product out, remove its line."],
        t["A cart line holds at most {0} units; you already have {1}."],
        t["This product is sold out."],
        t["Only {0} available."],
        t["Product {0} does not exist or is not for sale."],
        t["A cart holds at most {0} different products."],
        t["The cart changed while adding to it; please try again."],
        t["Cart line not found."],
        // A line the cart can no longer sell (ViewCart)
        t["This product no longer exists."],
        t["This product is no longer sold."],
        t["Sold out."],
        t["Only {0} left: lower the quantity."],
    ]);
}
