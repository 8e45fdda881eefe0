using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

/// <summary>
/// A gateway that keeps its books (Sandbox:Gateway:KeepBooks, as the cluster runs it) comes back
/// from a restart knowing every payment, and still owing the notifications nobody acknowledged.
/// </summary>
public sealed class GatewayBooksTests : IDisposable
{
    private static readonly Dictionary<string, string?> KeepBooks = new() { ["Gateway:KeepBooks"] = "true" };
    private readonly SandboxDataDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_payment_paid_before_a_restart_is_still_paid_after_it_and_its_unacknowledged_notification_goes_out_again()
    {
        string paymentId, notifyId;
        await using (var before = await SandboxHost.StartAsync(_data.Path, KeepBooks))
        {
            before.Recorder.Answer = _ => CallbackRecorder.Reply(HttpStatusCode.ServiceUnavailable);
            paymentId = await before.PaidPaymentAsync();
            await before.DeliverAsync();
            notifyId = Assert.Single(before.Recorder.Received).Form["notify_id"];
        }

        await using var after = await SandboxHost.StartAsync(_data.Path, KeepBooks);
        var query = await after.Client.GetFromJsonAsync<JsonElement>($"/sandbox/gateway/payments/{paymentId}");
        Assert.Equal("TRADE_SUCCESS", query.GetProperty("fields").GetProperty("trade_status").GetString());

        Assert.Equal(1, await after.DeliverAsync());
        var resent = Assert.Single(after.Recorder.Received).Form;
        Assert.Equal(notifyId, resent["notify_id"]); // the shop that applied it already answers "success" again
        Assert.Equal("TRADE_SUCCESS", resent["trade_status"]);
        Assert.True(Signatures.GatewayVerifies(resent, after.Keys.GatewayPublicKeyPem));
    }

    [Fact]
    public async Task An_acknowledged_notification_is_not_sent_again_and_a_payment_opened_before_the_restart_can_be_paid_after_it()
    {
        string paid, opened;
        await using (var before = await SandboxHost.StartAsync(_data.Path, KeepBooks))
        {
            paid = await before.PaidPaymentAsync();
            opened = await before.CreatePaymentAsync(amount: "9.90");
            await before.DeliverAsync();
        }

        await using var after = await SandboxHost.StartAsync(_data.Path, KeepBooks);
        Assert.Equal(0, await after.DeliverAsync());
        Assert.Equal(HttpStatusCode.OK, (await after.Client.GetAsync($"/sandbox/gateway/pay/{opened}")).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await after.SettleAsync(opened, "pay")).StatusCode);
        Assert.Equal(1, await after.DeliverAsync());
        Assert.Equal(opened, Assert.Single(after.Recorder.Received).Form["payment_id"]);
        Assert.Equal(2, after.Get<Gateway>().Payments().Count(p => p.Status == PaymentStatus.Paid && (p.PaymentId == paid || p.PaymentId == opened)));
    }

    [Fact]
    public async Task Without_kept_books_a_restarted_gateway_knows_nothing()
    {
        string paymentId;
        await using (var before = await SandboxHost.StartAsync(_data.Path))
            paymentId = await before.PaidPaymentAsync();

        await using var after = await SandboxHost.StartAsync(_data.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await after.Client.GetAsync($"/sandbox/gateway/payments/{paymentId}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(_data.Path, GatewayJournal.FileName)));
    }
}
