using System.Diagnostics;
using Bazaar.Tests.Payments;

namespace Bazaar.Tests.Telemetry;

/// <summary>
/// W3C trace context across the shop's partners: the sandbox's notification about a payment carries
/// the trace of the request that settled it, and the shop handles the notification in that trace,
/// so its log lines show the same trace id. (Outgoing calls of the shop carry the trace through
/// .NET's HttpClient itself; the tests' in-memory network does not pass through that layer.)
/// </summary>
public sealed class TraceContextTests : IAsyncLifetime
{
    private readonly LoggedShop _shop = new();

    public Task InitializeAsync() => _shop.InitializeAsync();

    public async Task DisposeAsync() => await ((IAsyncLifetime)_shop).DisposeAsync();

    [Fact]
    public async Task The_shop_handles_a_payment_notification_in_the_trace_that_settled_the_payment()
    {
        var order = await _shop.UnpaidOrderAsync();
        var paymentId = await order.StartedPaymentAsync();

        string traceId;
        using (var paying = new Activity("shopper pays at the gateway").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            traceId = paying.TraceId.ToString();
            _shop.ShopperSettles(paymentId);
        }
        await _shop.DeliverCallbacksAsync();

        var notified = _shop.Logs.Lines.Where(l => l.Contains("/api/v1/payments/notify", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notified);
        Assert.Contains(notified, l => l.Contains(traceId, StringComparison.Ordinal));
    }
}
