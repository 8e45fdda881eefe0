using System.Diagnostics.Metrics;

namespace Bazaar.Platform.Telemetry;

/// <summary>
/// The shop's own meter. Counters live beside the code they count (PlaceOrder, SettlePayment,
/// ReserveStock, BuyFlashSale) and are created from this one static meter: a counter that nobody
/// listens to costs one branch, so the hot paths pay nothing when nobody scrapes.
/// </summary>
public static class ShopMeter
{
    public const string Name = "Bazaar";

    public static readonly Meter Meter = new(Name);
}
