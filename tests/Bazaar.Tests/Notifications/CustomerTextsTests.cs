using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Bazaar.Tests.Shipping;
using Microsoft.Extensions.DependencyInjection;
using Carrier = Bazaar.Sandbox.Carrier;

namespace Bazaar.Tests.Notifications;

/// <summary>A customer hears about each step of their order once: placed, paid, shipped, delivered.</summary>
public abstract class CustomerTextsTests(ShopFactory shop)
{
    private static readonly string[] Kinds = ["placed", "paid", "shipped", "delivered"];

    [Fact]
    public async Task Each_step_of_an_order_texts_the_customer_exactly_once_even_when_the_outbox_delivers_twice()
    {
        var productId = await shop.NewProductAsync(stock: 10);
        var shopper = await shop.NewShopperAsync();
        var order = await shop.PlaceOrderAsync(shopper, productId, 1);
        await shop.DispatchOutboxAsync();
        await shop.PayAsync(order);
        var shipped = await (await shop.ShipAsync(order)).Content.ReadFromJsonAsync<JsonElement>();
        var tracking = shipped.GetProperty("trackingNumber").GetString()!;
        await shop.DispatchOutboxAsync();
        while (shop.Services.GetRequiredService<Carrier>().Find(tracking)!.Status != Bazaar.Sandbox.ParcelStatus.Delivered)
            await shop.AdvanceParcelAsync(tracking);
        await shop.DispatchOutboxAsync();
        Assert.Equal("Delivered", await order.StatusAsync());

        await shop.DeliverOrderEventsAgainAsync(order.Id);

        // The inbox dedupes on the reference, so count what the shop sent: once per kind, each sent once.
        var texts = shop.TextsTo(shopper.Phone);
        Assert.Equal(Kinds.Select(k => $"{k}:{order.Id:N}").Order(), texts.Select(t => t.Reference!).Order());
        Assert.All(texts, t => Assert.Contains(order.Number, t.Text));
        var listed = (await (await shop.AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/admin/notifications?orderId={order.Id}"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Kinds.Order(), listed.Select(n => n.GetProperty("kind").GetString()!).Order());
        Assert.All(listed, n =>
        {
            Assert.Equal(shopper.Phone, n.GetProperty("to").GetString());
            Assert.Equal("Sent", n.GetProperty("status").GetString());
            Assert.Equal(1, n.GetProperty("attempts").GetInt32());
        });
    }
}

public sealed class CustomerTextsTests_Sqlite(SqliteShop shop) : CustomerTextsTests(shop), IClassFixture<SqliteShop>;
public sealed class CustomerTextsTests_Postgres(PostgresShop shop) : CustomerTextsTests(shop), IClassFixture<PostgresShop>;
