using System.Diagnostics.Metrics;
using Bazaar.Ordering;
using Bazaar.Platform.Telemetry;
using Bazaar.Platform.Web;

namespace Bazaar.FlashSales;

/// <summary>
/// bazaar.flash_sale.attempts by outcome (won, sold-out, already-bought, not-started, ended, refused)
/// and bazaar.flash_sale.wins, counted once per unit the database sold: a retry that finds its
/// order again is an attempt, not a second win. No sale id as a label: one series per sale would grow forever.
/// </summary>
internal static class FlashSaleMetrics
{
    private static readonly Counter<long> Attempts =
        ShopMeter.Meter.CreateCounter<long>("bazaar.flash_sale.attempts", "{attempt}", "Flash-sale buying attempts, by outcome");

    private static readonly Counter<long> Wins =
        ShopMeter.Meter.CreateCounter<long>("bazaar.flash_sale.wins", "{unit}", "Flash-sale units sold");

    public static Result<OrderView> Attempted(Result<OrderView> result)
    {
        var outcome = result.Succeeded ? "won" : FlashSaleAnswers.CodeOf(result.Problem) ?? "refused";
        Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        return result;
    }

    public static void Won() => Wins.Add(1);
}
