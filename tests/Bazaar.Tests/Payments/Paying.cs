using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bazaar.Ordering;
using Bazaar.Platform.Outbox;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Gateway = Bazaar.Sandbox.Gateway;
using SandboxCallbacks = Bazaar.Sandbox.SandboxCallbacks;
using SandboxKeys = Bazaar.Sandbox.SandboxKeys;
using ShopPayment = Bazaar.Payments.Payment;

namespace Bazaar.Tests.Payments;

/// <summary>A registered customer with an address; the phone is the account's, in international form.</summary>
public sealed record Shopper(HttpClient Client, Guid AddressId, string Login, string Phone)
{
    /// <summary>Bearer tokens last an hour on the shop's clock: a test that moved time further signs in again.</summary>
    public Task SignInAgainAsync() => ShopFactory.AuthoriseAsync(Client, Login, ShopFactory.CustomerPassword);
}

/// <summary>An order a customer placed through the API, with what the shop stored for it.</summary>
public sealed record PlacedOrder(Shopper Shopper, Guid Id, string Number, decimal Total, int ProductId, int Quantity)
{
    public HttpClient Customer => Shopper.Client;
}

/// <summary>
/// Paying for orders the way the outside world does it: the customer asks to pay, the shopper pays
/// on the sandbox gateway, the gateway's notification reaches the shop, the outbox moves the order.
/// Also the tools to forge, tamper with and replay gateway notifications.
/// </summary>
public static class Paying
{
    public static async Task<Shopper> NewShopperAsync(this ShopFactory shop)
    {
        var (client, login, phone) = await shop.NewCustomerAsync();
        var address = await client.PostAsJsonAsync("/api/v1/accounts/me/addresses", new
        {
            recipient = "李娜", phone = "13700137000", province = "上海市", city = "上海市", district = "徐汇区",
            street = "漕溪北路 1 号", postcode = "200030",
        });
        Assert.Equal(HttpStatusCode.Created, address.StatusCode);
        var addressId = (await address.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return new Shopper(client, addressId, login, "+86" + phone); // a mainland mobile number, as E.164
    }

    public static async Task<PlacedOrder> PlaceOrderAsync(this ShopFactory shop, Shopper shopper, int productId, int quantity)
    {
        var response = await shopper.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            Content = JsonContent.Create(new { addressId = shopper.AddressId, items = new[] { new { productId, quantity } } }),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = order.GetProperty("id").GetGuid();
        // The total the gateway must ask for is the one in the database, whatever the answer said.
        var total = await shop.WithDbAsync(db => db.Set<Order>().Where(o => o.Id == id).Select(o => o.Total).SingleAsync());
        return new PlacedOrder(shopper, id, order.GetProperty("number").GetString()!, total, productId, quantity);
    }

    /// <summary>A new customer's order of <paramref name="quantity"/> units of a new product, not paid yet.</summary>
    public static async Task<PlacedOrder> UnpaidOrderAsync(this ShopFactory shop, int stock = 10, int quantity = 2, decimal price = 50m)
    {
        var productId = await shop.NewProductAsync(stock, price);
        return await shop.PlaceOrderAsync(await shop.NewShopperAsync(), productId, quantity);
    }

    public static Task<HttpResponseMessage> StartPaymentAsync(this PlacedOrder order) =>
        order.Customer.PostAsync($"/api/v1/orders/{order.Id}/payments", null);

    /// <summary>Asks to pay and answers the shop's payment id (the gateway's out_trade_no).</summary>
    public static async Task<Guid> StartedPaymentAsync(this PlacedOrder order)
    {
        var response = await order.StartPaymentAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetGuid();
    }

    /// <summary>The payment as the sandbox gateway holds it, found by the shop's id.</summary>
    public static Bazaar.Sandbox.Payment? AtGateway(this ShopFactory shop, Guid paymentId) =>
        shop.Services.GetRequiredService<Gateway>().FindByOutTradeNo(paymentId.ToString("N"));

    /// <summary>The shopper presses "pay" (or "fail") on the gateway's page; nothing is delivered yet.</summary>
    public static void ShopperSettles(this ShopFactory shop, Guid paymentId, bool pay = true) =>
        Assert.NotNull(shop.Services.GetRequiredService<Gateway>().Settle(shop.AtGateway(paymentId)!.PaymentId, pay));

    /// <summary>The sandbox sends every notification and tracking event that is due now.</summary>
    public static Task<int> DeliverCallbacksAsync(this ShopFactory shop) =>
        shop.Services.GetRequiredService<SandboxCallbacks>().DeliverDueAsync(default);

    /// <summary>
    /// What the sandbox sent about a payment (by our id) or a parcel (by tracking number): the shop must
    /// have acknowledged every one, or the partner keeps retrying it for hours.
    /// </summary>
    public static void AssertAllAcknowledged(this ShopFactory shop, string about)
    {
        var sent = shop.Services.GetRequiredService<SandboxCallbacks>().Deliveries.Where(d => d.About == about).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, d => Assert.True(d.Status == Bazaar.Sandbox.CallbackStatus.Delivered,
            $"{d.Kind} {d.Id} not acknowledged: {string.Join("; ", d.Attempts.Select(a => $"{a.StatusCode} {a.Answer}"))}"));
    }

    public static void AssertAllAcknowledged(this ShopFactory shop, Guid paymentId) =>
        shop.AssertAllAcknowledged(shop.AtGateway(paymentId)!.PaymentId);

    /// <summary>Runs the outbox until nothing due is left, as the dispatcher's loop would.</summary>
    public static async Task DispatchOutboxAsync(this ShopFactory shop)
    {
        var dispatcher = shop.Services.GetRequiredService<DispatchOutbox>();
        while (await dispatcher.RunOnceAsync(default) > 0) { }
    }

    /// <summary>Pays the order all the way: start, pay at the gateway, notification, outbox.</summary>
    public static async Task<Guid> PayAsync(this ShopFactory shop, PlacedOrder order)
    {
        var paymentId = await order.StartedPaymentAsync();
        shop.ShopperSettles(paymentId);
        await shop.DeliverCallbacksAsync();
        await shop.DispatchOutboxAsync();
        return paymentId;
    }

    public static async Task<PlacedOrder> PaidOrderAsync(this ShopFactory shop, int stock = 10, int quantity = 2, decimal price = 50m)
    {
        var order = await shop.UnpaidOrderAsync(stock, quantity, price);
        await shop.PayAsync(order);
        Assert.Equal("Paid", await order.StatusAsync());
        return order;
    }

    /// <summary>The order's status as its customer sees it.</summary>
    public static async Task<string> StatusAsync(this PlacedOrder order) =>
        (await order.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.Id}")).GetProperty("status").GetString()!;

    /// <summary>The order's payment as its customer sees it (status, amount, refunded, refunds).</summary>
    public static Task<JsonElement> PaymentAsync(this PlacedOrder order) =>
        order.Customer.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{order.Id}/payment");

    /// <summary>The stock of the order's product: on hand and held for orders.</summary>
    public static async Task<(int OnHand, int Reserved)> StockOfAsync(this ShopFactory shop, PlacedOrder order)
    {
        var stock = await shop.StockAsync(order.ProductId);
        return (stock.OnHand, stock.Reserved);
    }

    public static Task<ShopPayment> StoredPaymentAsync(this ShopFactory shop, Guid paymentId) =>
        shop.WithDbAsync(db => db.Set<ShopPayment>().AsNoTracking().SingleAsync(p => p.Id == paymentId));

    /// <summary>How many times the order's history says it moved to <paramref name="to"/>.</summary>
    public static Task<int> MovesToAsync(this ShopFactory shop, Guid orderId, OrderStatus to) =>
        shop.WithDbAsync(db => db.Set<OrderStatusChange>().CountAsync(c => c.OrderId == orderId && c.To == to));

    public static Task<int> NotificationsAboutAsync(this ShopFactory shop, Guid paymentId) =>
        shop.WithDbAsync(db => db.Set<Bazaar.Payments.PaymentNotification>().CountAsync(n => n.PaymentId == paymentId));

    // ---- Notifications built by hand, as a gateway (or someone pretending to be one) would send them ----

    /// <summary>A trade notification about a payment of ours, every field right, not signed yet.</summary>
    public static Dictionary<string, string> TradeNotification(this ShopFactory shop, ShopPayment payment, string tradeStatus = "TRADE_SUCCESS")
    {
        var now = Bazaar.Sandbox.Wire.Time(shop.Clock.GetUtcNow());
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["notify_id"] = Guid.NewGuid().ToString("N"),
            ["notify_type"] = "trade_status_sync",
            ["notify_time"] = now,
            ["payment_id"] = payment.GatewayPaymentId ?? "",
            ["out_trade_no"] = payment.Id.ToString("N"),
            ["order_number"] = payment.OrderNumber,
            ["total_amount"] = Bazaar.Sandbox.Wire.Money(payment.Amount),
            ["currency"] = payment.Currency,
            ["trade_status"] = tradeStatus,
        };
        if (tradeStatus == "TRADE_SUCCESS")
            fields["gmt_payment"] = now;
        return fields;
    }

    /// <summary>Signed with the sandbox gateway's own private key: what the shop must believe.</summary>
    public static Dictionary<string, string> SignedByGateway(this Dictionary<string, string> fields, ShopFactory shop)
    {
        var signed = new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["sign_type"] = "RSA2" };
        signed["sign"] = shop.Services.GetRequiredService<SandboxKeys>().SignGateway(fields);
        return signed;
    }

    /// <summary>Signed exactly as the protocol says, but with a key that is not the gateway's.</summary>
    public static Dictionary<string, string> SignedBy(this Dictionary<string, string> fields, RSA key)
    {
        var canonical = string.Join('&', fields
            .Where(f => f.Key is not ("sign" or "sign_type") && f.Value.Length > 0)
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key}={f.Value}"));
        var sign = key.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new Dictionary<string, string>(fields, StringComparer.Ordinal) { ["sign_type"] = "RSA2", ["sign"] = Convert.ToBase64String(sign) };
    }

    public static async Task<HttpResponseMessage> PostNotificationAsync(this ShopFactory shop, IEnumerable<KeyValuePair<string, string>> fields) =>
        await shop.PostNotificationAsync(await new FormUrlEncodedContent(fields).ReadAsStringAsync());

    /// <summary>Posts a notification body as raw form bytes, the way the gateway does.</summary>
    public static Task<HttpResponseMessage> PostNotificationAsync(this ShopFactory shop, string form) =>
        shop.Anonymous().PostAsync("/api/v1/payments/notify",
            new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

    /// <summary>The bodies of the notifications the shop accepted about a payment, as they arrived.</summary>
    public static Task<List<string>> AcceptedNotificationBodiesAsync(this ShopFactory shop, Guid paymentId) =>
        shop.WithDbAsync(db => db.Set<Bazaar.Payments.PaymentNotification>().Where(n => n.PaymentId == paymentId)
            .Select(n => n.Body).ToListAsync());
}
