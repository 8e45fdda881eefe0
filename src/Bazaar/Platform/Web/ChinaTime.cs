using System.Globalization;

namespace Bazaar.Platform.Web;

/// <summary>
/// Times as shoppers read them: China time (Asia/Shanghai), written the way the page's language
/// writes dates. The database keeps UTC; a shopper in Hangzhou should not have to add eight hours.
/// </summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    /// <summary>
    /// China has kept UTC+8 all year since 1991; the fixed zone stands in when the machine has no
    /// time zone database (a slim container), so what a page shows never depends on what is installed.
    /// </summary>
    public static readonly TimeZoneInfo Zone = Find();

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }

    /// <summary>A UTC time (EF hands some back as Unspecified: they are UTC all the same) in China.</summary>
    public static DateTime From(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Date and time to the minute: 2026/11/26 09:15 in Chinese, 11/26/2026 9:15 AM in English.</summary>
    public static string DateAndTime(DateTime utc) => From(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>The day alone, as the page's language writes it.</summary>
    public static string Date(DateTime utc) => From(utc).ToString("d", CultureInfo.CurrentCulture);
}
