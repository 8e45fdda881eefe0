using System.Globalization;

namespace Bazaar.Platform.Web;

public static class ShopCulture
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    /// <summary>Whether the request's culture (Accept-Language or the chosen language) is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    /// <summary>Prices as a Chinese shopper reads them: ¥1,299.00.</summary>
    public static string Price(decimal amount, string currency = "CNY") =>
        currency == "CNY" ? "¥" + amount.ToString("N2", CultureInfo.InvariantCulture)
                          : $"{amount.ToString("N2", CultureInfo.InvariantCulture)} {currency}";
}
