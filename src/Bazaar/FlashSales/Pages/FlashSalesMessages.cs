using Bazaar.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Bazaar.FlashSales.Pages;

/// <summary>What BuyFlashSale may say to the shop's page besides its coded answers (see <see cref="HandlerMessages"/>).</summary>
public static class FlashSalesMessages
{
    public static HandlerMessages Messages(this IStringLocalizer<FlashSalesText> t) => new([
        t["Choose a delivery address (addressId)."],
        t["That address is not in your address book."],
        t["Not enough stock."],
        t["Product {0} is not for sale any more."],
    ]);
}
