using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

/// <summary>Refunds: idempotent on outRefundNo, never more than was paid, each one notified.</summary>
public sealed class GatewayRefundTests(SandboxDataDirectory data) : IClassFixture<SandboxDataDirectory>, IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(data.Path);
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private Task<HttpResponseMessage> RefundAsync(string paymentId, string outRefundNo, string amount) =>
        _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/refunds", new { paymentId, outRefundNo, amount, reason = "退货 return" });

    [Fact]
    public async Task A_refund_is_idempotent_on_outRefundNo_and_another_amount_under_it_is_a_conflict()
    {
        var paymentId = await _sandbox.PaidPaymentAsync("100.00");

        var first = await RefundAsync(paymentId, "R-1", "10.00");
        var again = await RefundAsync(paymentId, "R-1", "10.00");
        var otherAmount = await RefundAsync(paymentId, "R-1", "11.00");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("GR", created.GetProperty("refundId").GetString());
        Assert.Equal("R-1", created.GetProperty("outRefundNo").GetString());
        Assert.Equal("succeeded", created.GetProperty("status").GetString());
        Assert.Equal("10.00", created.GetProperty("amount").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created.GetProperty("refundId").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, otherAmount.StatusCode);
        Assert.Equal(10.00m, _sandbox.Get<Gateway>().Find(paymentId)!.RefundedAmount);
    }

    [Fact]
    public async Task More_than_what_is_left_is_422_and_exactly_what_is_left_succeeds()
    {
        var paymentId = await _sandbox.PaidPaymentAsync("100.00");
        Assert.Equal(HttpStatusCode.Created, (await RefundAsync(paymentId, "R-a", "60.00")).StatusCode);

        var tooMuch = await RefundAsync(paymentId, "R-b", "40.01");
        var rest = await RefundAsync(paymentId, "R-c", "40.00");
        var beyond = await RefundAsync(paymentId, "R-d", "0.01");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beyond.StatusCode);
        var query = await _sandbox.Client.GetFromJsonAsync<JsonElement>($"/sandbox/gateway/payments/{paymentId}");
        Assert.Equal("100.00", query.GetProperty("fields").GetProperty("refunded_amount").GetString());
    }

    [Fact]
    public async Task A_payment_that_is_not_paid_cannot_be_refunded_and_an_unknown_one_is_404()
    {
        var pending = await _sandbox.CreatePaymentAsync();
        var failed = await _sandbox.CreatePaymentAsync();
        await _sandbox.SettleAsync(failed, "fail");

        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(pending, "R-p", "1.00")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await RefundAsync(failed, "R-f", "1.00")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RefundAsync("GPnope", "R-n", "1.00")).StatusCode);
    }

    [Theory]
    [InlineData("""{"outRefundNo":"R","amount":"1.00"}""")]
    [InlineData("""{"paymentId":"GP1","amount":"1.00"}""")]
    [InlineData("""{"paymentId":"GP1","outRefundNo":"R","amount":"1"}""")]
    [InlineData("""{"paymentId":"GP1","outRefundNo":"R","amount":"1.00","reason":5}""")]
    [InlineData("""not json""")]
    public async Task Bad_refund_requests_are_400(string json)
    {
        var response = await _sandbox.Client.PostAsync("/sandbox/gateway/refunds",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_refund_is_notified_as_refund_status_sync_signed_like_a_trade()
    {
        var paymentId = await _sandbox.PaidPaymentAsync("100.00");
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        await RefundAsync(paymentId, "R-n1", "25.50");

        Assert.Equal(2, await _sandbox.DeliverAsync());

        var received = _sandbox.Recorder.Received;
        Assert.Equal(["trade_status_sync", "refund_status_sync"], received.Select(r => r.Form["notify_type"]));
        var form = received[1].Form;
        Assert.Equal(paymentId, form["payment_id"]);
        Assert.Equal("TRADE_SUCCESS", form["trade_status"]);
        Assert.Equal("2026-11-25T18:00:00Z", form["gmt_payment"]);
        Assert.StartsWith("GR", form["refund_id"]);
        Assert.Equal("R-n1", form["out_refund_no"]);
        Assert.Equal("25.50", form["refund_amount"]);
        Assert.Equal("REFUND_SUCCESS", form["refund_status"]);
        Assert.Equal("100.00", form["total_amount"]);
        Assert.NotEqual(received[0].Form["notify_id"], form["notify_id"]);
        Assert.True(Signatures.GatewayVerifies(form, _sandbox.Keys.GatewayPublicKeyPem));
    }
}
