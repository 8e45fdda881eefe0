using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

public sealed class SmsInboxTests(SandboxDataDirectory data) : IClassFixture<SandboxDataDirectory>, IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(data.Path);
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_same_reference_twice_is_one_message()
    {
        var first = await _sandbox.Client.PostAsJsonAsync("/sandbox/sms/messages", new { to = "+8613800138000", text = "验证码 123456", reference = "otp-1" });
        var again = await _sandbox.Client.PostAsJsonAsync("/sandbox/sms/messages", new { to = "+8613800138000", text = "验证码 123456", reference = "otp-1" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var message = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("+8613800138000", message.GetProperty("to").GetString());
        Assert.Equal("验证码 123456", message.GetProperty("text").GetString());
        Assert.Equal("otp-1", message.GetProperty("reference").GetString());
        Assert.Equal("2026-11-25T18:00:00Z", message.GetProperty("receivedAt").GetString());
        Assert.Equal(message.GetProperty("id").GetString(), (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Single(_sandbox.Get<SmsInbox>().Messages("+8613800138000"));
    }

    [Fact]
    public async Task Messages_are_listed_newest_first_for_one_number_and_shown_encoded_on_the_page()
    {
        var inbox = _sandbox.Get<SmsInbox>();
        inbox.Receive("+8613900000001", "first", "a");
        _sandbox.Clock.Advance(TimeSpan.FromSeconds(30));
        inbox.Receive("+8613900000001", "second <b>", "b");
        inbox.Receive("+8613900000002", "someone else", null);

        var listed = await _sandbox.Client.GetFromJsonAsync<JsonElement[]>("/sandbox/sms/messages?to=%2B8613900000001");
        var page = await _sandbox.Client.GetStringAsync("/sandbox/sms");

        Assert.Equal(["second <b>", "first"], listed!.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal(3, inbox.Messages().Count);
        Assert.Contains("second &lt;b&gt;", page);
        Assert.Contains("someone else", page);
    }

    [Theory]
    [InlineData("""{"text":"hi","reference":"r"}""")]
    [InlineData("""{"to":"+8613800138000","reference":"r"}""")]
    [InlineData("""{"to":"+8613800138000","text":"hi","reference":["r"]}""")]
    [InlineData("""{"to":""")]
    public async Task Bad_messages_are_400(string json)
    {
        var response = await _sandbox.Client.PostAsync("/sandbox/sms/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_text_longer_than_500_characters_is_400()
    {
        var response = await _sandbox.Client.PostAsJsonAsync("/sandbox/sms/messages", new { to = "+8613800138000", text = new string('码', 501), reference = "long" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_sandbox.Get<SmsInbox>().Messages());
    }
}
