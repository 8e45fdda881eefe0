using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

/// <summary>Bookings, the four steps a parcel takes, and the HMAC-signed tracking events the shop receives.</summary>
public sealed class CarrierTests(SandboxDataDirectory data) : IClassFixture<SandboxDataDirectory>, IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(data.Path);
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    private static object Shipment(string reference) => new
    {
        reference,
        orderNumber = "BZ261125-ABCD1234",
        recipient = "张三",
        phone = "+8613800138000",
        address = "北京市朝阳区建国路 1 号",
        callbackUrl = "https://shop.test/shipping/events",
    };

    private static async Task<string> BookAsync(SandboxHost sandbox, string? reference = null)
    {
        var response = await sandbox.Client.PostAsJsonAsync("/sandbox/carrier/shipments", Shipment(reference ?? SandboxHost.NewId("S")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingNumber").GetString()!;
    }

    [Fact]
    public async Task Booking_is_idempotent_on_reference()
    {
        var reference = SandboxHost.NewId("S");

        var first = await _sandbox.Client.PostAsJsonAsync("/sandbox/carrier/shipments", Shipment(reference));
        var again = await _sandbox.Client.PostAsJsonAsync("/sandbox/carrier/shipments", Shipment(reference));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var booked = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("SB", booked.GetProperty("trackingNumber").GetString());
        Assert.Equal(reference, booked.GetProperty("reference").GetString());
        Assert.Equal("booked", booked.GetProperty("status").GetString());
        Assert.Equal(booked.GetProperty("trackingNumber").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingNumber").GetString());
    }

    [Fact]
    public async Task A_parcel_goes_through_the_four_statuses_in_order_then_refuses_and_each_step_is_pushed_signed()
    {
        var trackingNumber = await BookAsync(_sandbox);
        var statuses = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            _sandbox.Clock.Advance(TimeSpan.FromMinutes(10));
            var step = await _sandbox.Client.PostAsync($"/sandbox/carrier/shipments/{trackingNumber}/advance", null);
            Assert.Equal(HttpStatusCode.OK, step.StatusCode);
            statuses.Add((await step.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!);
        }
        var fifth = await _sandbox.Client.PostAsync($"/sandbox/carrier/shipments/{trackingNumber}/advance", null);

        Assert.Equal(["picked_up", "in_transit", "out_for_delivery", "delivered"], statuses);
        Assert.Equal(HttpStatusCode.Conflict, fifth.StatusCode);
        Assert.Equal(4, await _sandbox.DeliverAsync());
        var secret = await File.ReadAllTextAsync(_sandbox.Keys.CarrierSecretPath);
        var events = _sandbox.Recorder.Received;
        Assert.Equal(statuses, events.Select(e => JsonDocument.Parse(e.Body).RootElement.GetProperty("status").GetString()));
        foreach (var pushed in events)
        {
            Assert.Equal("https://shop.test/shipping/events", pushed.Url.ToString());
            Assert.Equal("application/json", pushed.ContentType);
            var timestamp = pushed.Headers["X-Carrier-Timestamp"];
            Assert.Equal(_sandbox.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), timestamp);
            Assert.Equal(Signatures.CarrierSignature(secret, timestamp, pushed.Body), pushed.Headers["X-Carrier-Signature"]);
            Assert.NotEqual(Signatures.CarrierSignature("another secret", timestamp, pushed.Body), pushed.Headers["X-Carrier-Signature"]);
        }
        var last = JsonDocument.Parse(events[3].Body).RootElement;
        Assert.StartsWith("E", last.GetProperty("eventId").GetString());
        Assert.Equal(trackingNumber, last.GetProperty("trackingNumber").GetString());
        Assert.Equal("2026-11-25T18:40:00Z", last.GetProperty("occurredAt").GetString());
        Assert.False(string.IsNullOrEmpty(last.GetProperty("location").GetString()));
        Assert.False(string.IsNullOrEmpty(last.GetProperty("description").GetString()));

        var parcel = await _sandbox.Client.GetFromJsonAsync<JsonElement>($"/sandbox/carrier/shipments/{trackingNumber}");
        Assert.Equal("delivered", parcel.GetProperty("status").GetString());
        Assert.Equal(4, parcel.GetProperty("events").GetArrayLength());
    }

    [Fact]
    public async Task A_refused_event_is_retried_with_the_same_body_and_a_fresh_timestamp_and_signature()
    {
        var trackingNumber = await BookAsync(_sandbox);
        var calls = 0;
        _sandbox.Recorder.Answer = _ => CallbackRecorder.Reply(++calls == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.NoContent);
        await _sandbox.Get<Carrier>().AdvanceAsync(trackingNumber);

        await _sandbox.DeliverAsync();
        _sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        await _sandbox.DeliverAsync();
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await _sandbox.DeliverAsync());

        var (first, second) = (_sandbox.Recorder.Received[0], _sandbox.Recorder.Received[1]);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(long.Parse(first.Headers["X-Carrier-Timestamp"]) + 1, long.Parse(second.Headers["X-Carrier-Timestamp"]));
        Assert.Equal(Signatures.CarrierSignature(_sandbox.Keys.CarrierSecret, second.Headers["X-Carrier-Timestamp"], second.Body),
            second.Headers["X-Carrier-Signature"]);
    }

    [Fact]
    public async Task With_AutoAdvanceEvery_a_parcel_moves_by_itself_one_step_per_period_catching_up_when_late()
    {
        await using var sandbox = await SandboxHost.StartAsync(data.Path, new Dictionary<string, string?> { ["Carrier:AutoAdvanceEvery"] = "00:01:00" });
        var trackingNumber = await BookAsync(sandbox);
        var carrier = sandbox.Get<Carrier>();

        sandbox.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, carrier.AdvanceDue());
        sandbox.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, carrier.AdvanceDue());
        Assert.Equal(ParcelStatus.PickedUp, carrier.Find(trackingNumber)!.Status);
        sandbox.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(3, carrier.AdvanceDue());

        var parcel = carrier.Find(trackingNumber)!;
        Assert.Equal(ParcelStatus.Delivered, parcel.Status);
        Assert.Equal([1, 2, 3, 4], parcel.Events.Select(e => (int)(e.OccurredAt - SandboxHost.Start).TotalMinutes));
        Assert.Equal(0, carrier.AdvanceDue());
    }

    [Fact]
    public async Task Without_AutoAdvanceEvery_parcels_stay_put()
    {
        var trackingNumber = await BookAsync(_sandbox);
        _sandbox.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(0, _sandbox.Get<Carrier>().AdvanceDue());
        Assert.Equal(ParcelStatus.Booked, _sandbox.Get<Carrier>().Find(trackingNumber)!.Status);
    }

    [Fact]
    public async Task The_carrier_page_has_an_advance_button_per_parcel_whose_form_post_comes_back_to_the_page()
    {
        var trackingNumber = await BookAsync(_sandbox);

        var page = await _sandbox.Client.GetStringAsync("/sandbox/carrier");
        var pressed = await _sandbox.Client.PostAsync($"/sandbox/carrier/shipments/{trackingNumber}/advance",
            new FormUrlEncodedContent([]));

        Assert.Contains($"id=\"advance-{trackingNumber}\"", page);
        Assert.Contains("张三", page);
        Assert.Equal(HttpStatusCode.SeeOther, pressed.StatusCode);
        Assert.Equal("/sandbox/carrier", pressed.Headers.Location!.ToString());
        Assert.Equal(ParcelStatus.PickedUp, _sandbox.Get<Carrier>().Find(trackingNumber)!.Status);
    }

    [Theory]
    [InlineData("""{"orderNumber":"BZ1","recipient":"张三","phone":"+86138","address":"a","callbackUrl":"https://s/e"}""")]
    [InlineData("""{"reference":"r","orderNumber":"BZ1","recipient":"张三","phone":"+86138","address":"a","callbackUrl":"mailto:x@y"}""")]
    [InlineData("""{"reference":"r","orderNumber":"BZ1","recipient":"","phone":"+86138","address":"a","callbackUrl":"https://s/e"}""")]
    [InlineData("""{"reference":"r","orderNumber":"BZ1","recipient":"张三","phone":"+86138","callbackUrl":"https://s/e"}""")]
    [InlineData("""{"reference":""")]
    public async Task Bad_bookings_are_400(string json)
    {
        var response = await _sandbox.Client.PostAsync("/sandbox/carrier/shipments", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_parcel_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.GetAsync("/sandbox/carrier/shipments/SBnope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.PostAsync("/sandbox/carrier/shipments/SBnope/advance", null)).StatusCode);
    }
}
