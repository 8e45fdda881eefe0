using System.Net;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

/// <summary>What the shop's notify endpoint sees: signed fields, retries with the same notify_id, backoff on the clock.</summary>
public sealed class GatewayNotificationTests(SandboxDataDirectory data) : IClassFixture<SandboxDataDirectory>, IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(data.Path);
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task A_paid_payment_is_notified_with_fields_that_verify_with_the_public_key_file_only()
    {
        var paymentId = await _sandbox.PaidPaymentAsync();

        Assert.Equal(1, await _sandbox.DeliverAsync());
        var notification = Assert.Single(_sandbox.Recorder.Received);
        Assert.Equal(HttpMethod.Post, notification.Method);
        Assert.Equal("https://shop.test/payments/notify", notification.Url.ToString());
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", notification.ContentType);
        var form = notification.Form;
        Assert.Equal("trade_status_sync", form["notify_type"]);
        Assert.Equal(paymentId, form["payment_id"]);
        Assert.Equal("BZ261125-ABCD1234", form["order_number"]);
        Assert.Equal("123.45", form["total_amount"]);
        Assert.Equal("CNY", form["currency"]);
        Assert.Equal("TRADE_SUCCESS", form["trade_status"]);
        Assert.Equal("2026-11-25T18:00:00Z", form["gmt_payment"]);
        Assert.Equal("2026-11-25T18:00:00Z", form["notify_time"]);
        Assert.Equal("RSA2", form["sign_type"]);

        var publicKey = await File.ReadAllTextAsync(_sandbox.Keys.GatewayPublicKeyPath);
        Assert.True(Signatures.GatewayVerifies(form, publicKey));
        Assert.False(Signatures.GatewayVerifies(form, Signatures.OtherPublicKey()));
        var tampered = new Dictionary<string, string>(form) { ["total_amount"] = "1.00" };
        Assert.False(Signatures.GatewayVerifies(tampered, publicKey));
    }

    [Fact]
    public async Task A_failed_payment_is_notified_as_TRADE_FAILED_without_gmt_payment()
    {
        var paymentId = await _sandbox.CreatePaymentAsync();
        await _sandbox.SettleAsync(paymentId, "fail");

        await _sandbox.DeliverAsync();

        var form = Assert.Single(_sandbox.Recorder.Received).Form;
        Assert.Equal("TRADE_FAILED", form["trade_status"]);
        Assert.False(form.ContainsKey("gmt_payment"));
        Assert.True(Signatures.GatewayVerifies(form, _sandbox.Keys.GatewayPublicKeyPem));
    }

    [Fact]
    public async Task An_unacknowledged_notification_is_retried_with_the_same_notify_id_until_the_answer_is_success_and_then_stops()
    {
        var answers = new Queue<HttpResponseMessage>([
            CallbackRecorder.Reply(HttpStatusCode.InternalServerError),
            CallbackRecorder.Reply(HttpStatusCode.OK, "fail"),
            CallbackRecorder.Reply(HttpStatusCode.OK, "success"),
        ]);
        _sandbox.Recorder.Answer = _ => answers.Dequeue();
        await _sandbox.PaidPaymentAsync();

        Assert.Equal(1, await _sandbox.DeliverAsync());
        _sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _sandbox.DeliverAsync());
        _sandbox.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await _sandbox.DeliverAsync());
        _sandbox.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await _sandbox.DeliverAsync());

        var tries = _sandbox.Recorder.Received;
        Assert.Equal(3, tries.Count);
        Assert.Single(tries.Select(t => t.Form["notify_id"]).Distinct());
        Assert.Single(tries.Select(t => t.Text).Distinct()); // same notify_time, same signature: the same notification
        var delivery = Assert.Single(_sandbox.Callbacks.Deliveries);
        Assert.Equal(CallbackStatus.Delivered, delivery.Status);
        Assert.Equal([500, 200, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Equal([false, false, true], delivery.Attempts.Select(a => a.Acknowledged));
    }

    [Fact]
    public async Task Retries_wait_for_the_backoff_on_the_injected_clock()
    {
        _sandbox.Recorder.Answer = _ => CallbackRecorder.Reply(HttpStatusCode.ServiceUnavailable);
        await _sandbox.PaidPaymentAsync();
        Assert.Equal(1, await _sandbox.DeliverAsync());

        foreach (var wait in new[] { 1, 2, 4, 8 })
        {
            _sandbox.Clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await _sandbox.DeliverAsync());
            _sandbox.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await _sandbox.DeliverAsync());
        }
        Assert.Equal(5, _sandbox.Recorder.Received.Count);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_counts_as_a_try_and_is_retried()
    {
        var calls = 0;
        _sandbox.Recorder.Answer = _ => ++calls == 1
            ? throw new HttpRequestException("Connection refused")
            : CallbackRecorder.Reply(HttpStatusCode.OK, "success\n");
        await _sandbox.PaidPaymentAsync();

        await _sandbox.DeliverAsync();
        _sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        await _sandbox.DeliverAsync();

        var delivery = Assert.Single(_sandbox.Callbacks.Deliveries);
        Assert.Null(delivery.Attempts[0].StatusCode);
        Assert.Contains("Connection refused", delivery.Attempts[0].Answer);
        Assert.Equal(CallbackStatus.Delivered, delivery.Status);
    }

    [Fact]
    public async Task Retries_are_capped_at_MaxRetryDelay_and_stop_after_NotifyAttempts()
    {
        await using var sandbox = await SandboxHost.StartAsync(data.Path, new Dictionary<string, string?>
        {
            ["Gateway:MaxRetryDelay"] = "00:00:02",
            ["Gateway:NotifyAttempts"] = "4",
        });
        sandbox.Recorder.Answer = _ => CallbackRecorder.Reply(HttpStatusCode.BadGateway);
        await sandbox.PaidPaymentAsync();

        Assert.Equal(1, await sandbox.DeliverAsync());
        foreach (var wait in new[] { 1, 2, 2 })
        {
            sandbox.Clock.Advance(TimeSpan.FromSeconds(wait));
            Assert.Equal(1, await sandbox.DeliverAsync());
        }
        sandbox.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sandbox.DeliverAsync());

        var delivery = Assert.Single(sandbox.Callbacks.Deliveries);
        Assert.Equal(CallbackStatus.GaveUp, delivery.Status);
        Assert.Equal(4, delivery.Attempts.Count);
    }
}
