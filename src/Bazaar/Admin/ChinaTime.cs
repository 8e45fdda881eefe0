using System.Globalization;
using Bazaar.Platform;

namespace Bazaar.Admin;

/// <summary>
/// Moments as the back office shows them: on China's clock (Asia/Shanghai), whatever the server's
/// zone, written the way the operator's language writes dates. The database keeps UTC; operators,
/// the warehouse and customers live at UTC+8, and "today" turns at their midnight.
/// </summary>
[ModuleContract]
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    /// <summary>
    /// China has kept UTC+8 all year since 1991; the fixed zone stands in when the machine has no
    /// time zone database (a slim container), so nothing depends on what is installed.
    /// </summary>
    public static readonly TimeZoneInfo Zone = FindZone();

    private static TimeZoneInfo FindZone()
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
