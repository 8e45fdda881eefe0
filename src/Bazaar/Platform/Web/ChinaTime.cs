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

    /// <summary>China's distance from UTC (no summer time since 1991), for filters by China's days.</summary>
    public static TimeSpan Offset => Zone.BaseUtcOffset;

    /// <summary>A UTC moment (as the database returns it, whatever its Kind says) on China's clock.</summary>
    public static DateTimeOffset Of(DateTime utc) => Of(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public static DateTimeOffset Of(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>Date and minutes in the page's culture: 2026/11/26 8:05 (zh-CN), 11/26/2026 8:05 AM (en).</summary>
    public static string Minutes(DateTime utc) => Of(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string Minutes(DateTimeOffset moment) => Of(moment).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>Date and time to the second, for logs where order matters (audit, stock history).</summary>
    public static string Seconds(DateTime utc) => Of(utc).ToString("G", CultureInfo.CurrentCulture);

    public static string Day(DateTime utc) => Of(utc).ToString("d", CultureInfo.CurrentCulture);

    public static string Day(DateTimeOffset moment) => Of(moment).ToString("d", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);
}
