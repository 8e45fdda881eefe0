using Bazaar.Platform;

namespace Bazaar.Ordering;

/// <summary>
/// Ordering's figures for the back office (the dashboard): counts and sums computed by the database
/// with GROUP BY, never by loading orders. "Sold" means paid and not given back: Paid, Shipped,
/// Delivered, Completed. A fully refunded order (Refunded) is not sold; a partial refund does not
/// change an order's status, so its total still counts in full.
/// </summary>
[ModuleContract]
public interface IOrderFigures
{
    /// <summary>
    /// Orders placed in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>), grouped by the calendar
    /// day they were placed on at <paramref name="utcOffset"/> (a fixed offset: China's UTC+8 has no
    /// summer time). Days without orders are absent.
    /// </summary>
    Task<IReadOnlyList<OrdersOnDay>> PerDayAsync(DateTime fromUtc, DateTime toUtc, TimeSpan utcOffset, CancellationToken ct);

    /// <summary>How many orders placed since <paramref name="sinceUtc"/> are in each status; statuses without orders are absent.</summary>
    Task<IReadOnlyList<OrdersInStatus>> CountByStatusAsync(DateTime sinceUtc, CancellationToken ct);

    /// <summary>Orders paid and not yet handed to the carrier, however old.</summary>
    Task<int> CountWaitingToShipAsync(CancellationToken ct);

    /// <summary>The products sold most (units in sold orders placed since <paramref name="sinceUtc"/>), most first.</summary>
    Task<IReadOnlyList<ProductSales>> TopProductsAsync(DateTime sinceUtc, int count, CancellationToken ct);
}

/// <param name="Day">The calendar day at the offset asked for.</param>
/// <param name="Orders">Every order placed that day, whatever became of it.</param>
/// <param name="SoldOrders">Of those, the ones sold (paid and not fully refunded).</param>
/// <param name="Revenue">The sold orders' totals, shipping included.</param>
[ModuleContract]
public sealed record OrdersOnDay(DateOnly Day, int Orders, int SoldOrders, decimal Revenue);

[ModuleContract]
public sealed record OrdersInStatus(OrderStatus Status, int Count);

[ModuleContract]
public sealed record ProductSales(int ProductId, int Units, decimal Revenue);
