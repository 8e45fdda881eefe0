using Bazaar.Platform.Web;
using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Ordering;
using Bazaar.Payments;

namespace Bazaar.Admin;

/// <summary>What the back office's home page and GET /api/v1/admin/dashboard show; the page embeds this very object.</summary>
/// <param name="Date">Today in China.</param>
/// <param name="Today">Orders placed today (China time); revenue of the sold ones.</param>
/// <param name="ThisWeek">The same from Monday of this week (China time) until now.</param>
/// <param name="RevenuePerDay">The last 30 days, oldest first, every day present (zero when nothing sold).</param>
/// <param name="OrdersByStatus">Orders placed in those 30 days, by where they stand now.</param>
/// <param name="TopProducts">The 10 products with most units sold in those 30 days.</param>
public sealed record DashboardView(DateTimeOffset GeneratedAt, string TimeZone, DateOnly Date, DashboardPeriod Today,
    DashboardPeriod ThisWeek, int WaitingToShip, DashboardPendingPayments PendingPayments, DashboardLowStock LowStock,
    IReadOnlyList<DashboardDay> RevenuePerDay, IReadOnlyList<DashboardStatus> OrdersByStatus, IReadOnlyList<DashboardProduct> TopProducts);

public sealed record DashboardPeriod(DateOnly From, DateOnly To, int Orders, int SoldOrders, decimal Revenue);

public sealed record DashboardDay(DateOnly Day, int Orders, int SoldOrders, decimal Revenue);

public sealed record DashboardStatus(string Status, int Count);

public sealed record DashboardProduct(int ProductId, string Sku, string NameZh, string NameEn, int Units, decimal Revenue);

public sealed record DashboardPendingPayments(int Count, decimal Amount);

public sealed record DashboardLowStock(int Count, IReadOnlyList<DashboardLowStockItem> Items);

public sealed record DashboardLowStockItem(int ProductId, string Sku, string NameZh, string NameEn, int OnHand, int Reserved,
    int Available, int LowStockThreshold);

/// <summary>
/// The dashboard's figures, each asked of the module that owns them through its contract: Ordering
/// (orders, revenue, what waits to ship, best sellers), Payments (pending), Inventory (low stock),
/// Catalog (names). Days are China's (Asia/Shanghai, UTC+8): the shop's operators and customers are
/// there, and "today" must turn at their midnight, not at UTC's (08:00 in Shanghai).
/// </summary>
public sealed class ViewDashboard(IOrderFigures orders, IPayments payments, IInventory inventory, ICatalog catalog, TimeProvider clock)
{
    public const int Days = 30, TopCount = 10, LowStockShown = 50;
    public const string TimeZoneId = ChinaTime.ZoneId;

    public static TimeZoneInfo China => ChinaTime.Zone;

    public async Task<DashboardView> HandleAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var offset = China.GetUtcOffset(now);
        var local = now.ToOffset(offset);
        var today = DateOnly.FromDateTime(local.DateTime);
        var first = today.AddDays(1 - Days);
        // Monday starts the week in China.
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var fromUtc = StartUtc(first, offset);
        var toUtc = StartUtc(today.AddDays(1), offset);

        var perDay = (await orders.PerDayAsync(fromUtc, toUtc, offset, ct)).ToDictionary(d => d.Day);
        var days = Enumerable.Range(0, Days).Select(i => first.AddDays(i)).Select(day => perDay.TryGetValue(day, out var d)
            ? new DashboardDay(day, d.Orders, d.SoldOrders, d.Revenue)
            : new DashboardDay(day, 0, 0, 0.00m)).ToList();
        var byStatus = await orders.CountByStatusAsync(fromUtc, ct);
        var waiting = await orders.CountWaitingToShipAsync(ct);
        var top = await orders.TopProductsAsync(fromUtc, TopCount, ct);
        var pending = await payments.SumPendingAsync(ct);
        var low = await inventory.FindLowStockAsync(LowStockShown, ct);
        var products = await catalog.FindAsync(top.Select(t => t.ProductId).Concat(low.Items.Select(l => l.ProductId)).ToHashSet(), ct);

        return new DashboardView(
            local, $"{TimeZoneId} (UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm})", today,
            Period(days, today, today), Period(days, monday, today), waiting,
            new DashboardPendingPayments(pending.Count, pending.Amount),
            new DashboardLowStock(low.Count, low.Items.Select(l =>
            {
                var (zh, en) = Names(products, l.ProductId);
                return new DashboardLowStockItem(l.ProductId, l.Sku, zh, en, l.OnHand, l.Reserved, l.Available, l.LowStockThreshold);
            }).ToList()),
            days,
            byStatus.Select(s => new DashboardStatus(s.Status.ToString(), s.Count)).ToList(),
            top.Select(t =>
            {
                var (zh, en) = Names(products, t.ProductId);
                return new DashboardProduct(t.ProductId, products.GetValueOrDefault(t.ProductId)?.Sku ?? "", zh, en, t.Units, t.Revenue);
            }).ToList());
    }

    private static DateTime StartUtc(DateOnly day, TimeSpan offset) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset).UtcDateTime;

    private static DashboardPeriod Period(List<DashboardDay> days, DateOnly from, DateOnly to)
    {
        var inside = days.Where(d => d.Day >= from && d.Day <= to).ToList();
        return new DashboardPeriod(from, to, inside.Sum(d => d.Orders), inside.Sum(d => d.SoldOrders), inside.Sum(d => d.Revenue));
    }

    /// <summary>A product deleted since it sold keeps its place on the list, under its id.</summary>
    private static (string Zh, string En) Names(IReadOnlyDictionary<int, ProductForSale> products, int id) =>
        products.TryGetValue(id, out var p) ? (p.NameZh, p.NameEn) : ($"商品 {id}", $"Product {id}");
}
