namespace Bazaar.FlashSales;

/// <summary>FlashSales:* settings.</summary>
public sealed class FlashSalesOptions
{
    /// <summary>How often every instance brings Redis and the database into agreement and closes ended sales.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A unit Redis gave to a buyer whose order is not in the database after this long is given back: the
    /// instance that served the buyer died or lost the database. Far above the seconds an order takes.
    /// </summary>
    public TimeSpan PendingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A sale's Redis keys live this long past its end, then Redis drops them by itself.</summary>
    public TimeSpan KeepKeysAfterEnd { get; set; } = TimeSpan.FromDays(1);
}
