using System.Net;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Payments;

/// <summary>
/// A gateway that is down costs the shopper a clear "try again" and nothing else: no charge, no
/// hanging request; after a few failures the shop stops calling it until the break is over.
/// A class of its own: the circuit it opens belongs to its shop.
/// </summary>
public abstract class GatewayDownTests(ShopFactory shop)
{
    /// <summary>One attempt to pay while the gateway is unreachable: the answer and how many calls went out for it.</summary>
    private async Task<(HttpResponseMessage Response, int Calls)> TryToPayAsync(PlacedOrder order)
    {
        var before = shop.OutgoingCalls;
        var response = await order.StartPaymentAsync();
        return (response, shop.OutgoingCalls - before);
    }

    private static void AssertTryAgainLater(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again");
    }

    [Fact]
    public async Task With_the_gateway_down_paying_is_a_503_the_circuit_opens_and_after_the_break_paying_works()
    {
        var order = await shop.UnpaidOrderAsync();
        shop.PartnersDown = true;

        // Opening a payment is repeatable (the gateway dedupes on our id), so the first try is retried.
        var (first, firstCalls) = await TryToPayAsync(order);
        AssertTryAgainLater(first);
        Assert.True(firstCalls > 1, $"a repeatable call is retried; {firstCalls} call(s) went out");

        // Failures pile up until the breaker opens: then a request is answered without calling out.
        var calls = new List<int>();
        for (var i = 0; i < 10 && (calls.Count == 0 || calls[^1] > 0); i++)
        {
            var (response, made) = await TryToPayAsync(order);
            AssertTryAgainLater(response);
            calls.Add(made);
        }
        Assert.Equal(0, calls[^1]);
        for (var i = 0; i < 3; i++)
        {
            var (response, made) = await TryToPayAsync(order);
            AssertTryAgainLater(response);
            Assert.Equal(0, made);
        }

        // Nothing reached the gateway, so nothing can have been charged.
        var attempts = await shop.WithDbAsync(db => db.Set<Bazaar.Payments.Payment>()
            .Where(p => p.OrderId == order.Id).Select(p => p.Id).ToListAsync());
        Assert.All(attempts, id => Assert.Null(shop.AtGateway(id)));

        // The gateway is back, but the circuit stays open for the break…
        shop.PartnersDown = false;
        var (early, earlyCalls) = await TryToPayAsync(order);
        AssertTryAgainLater(early);
        Assert.Equal(0, earlyCalls);

        // …and once it is over (on the shop's clock, which Polly takes from DI), paying works again.
        var breakDuration = shop.Services.GetRequiredService<IConfiguration>().GetValue("Partners:BreakDuration", TimeSpan.FromSeconds(30));
        shop.Clock.Advance(breakDuration + TimeSpan.FromSeconds(1));
        var paymentId = await order.StartedPaymentAsync();

        Assert.Equal(order.Total, shop.AtGateway(paymentId)?.Amount);
        Assert.Contains(paymentId, attempts); // the same attempt, resumed: never a second charge
    }
}

public sealed class GatewayDownTests_Sqlite(SqliteShop shop) : GatewayDownTests(shop), IClassFixture<SqliteShop>;
public sealed class GatewayDownTests_Postgres(PostgresShop shop) : GatewayDownTests(shop), IClassFixture<PostgresShop>;
