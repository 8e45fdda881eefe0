using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Tests.Sandbox;

/// <summary>A temporary data directory for one test class's sandboxes; its keys are made once per class.</summary>
public sealed class SandboxDataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bazaar-sandbox-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>
/// The sandbox alone on a TestServer, as the shop would mount it: a fake clock, the background loop
/// off (tests call DeliverDueAsync), and callbacks going to a recorder instead of the network.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 18, 0, 0, TimeSpan.Zero);

    private SandboxHost(WebApplication app, FakeTimeProvider clock, CallbackRecorder recorder)
    {
        App = app;
        Clock = clock;
        Recorder = recorder;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }
    public FakeTimeProvider Clock { get; }
    public CallbackRecorder Recorder { get; }
    public HttpClient Client { get; }
    public SandboxKeys Keys => Get<SandboxKeys>();
    public SandboxCallbacks Callbacks => Get<SandboxCallbacks>();

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<SandboxHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(Start);
        var recorder = new CallbackRecorder();
        var values = new Dictionary<string, string?>
        {
            ["Sandbox:DataDirectory"] = dataDirectory,
            ["Sandbox:CallbackPollInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values["Sandbox:" + key] = value;
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Sandbox");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSandbox(section, dataDirectory);
        builder.Services.AddHttpClient(SandboxCallbacks.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => recorder);
        var app = builder.Build();
        app.MapSandbox();
        await app.StartAsync();
        return new SandboxHost(app, clock, recorder);
    }

    public Task<int> DeliverAsync() => Callbacks.DeliverDueAsync(CancellationToken.None);

    /// <summary>A fresh pending payment; answers its paymentId.</summary>
    public async Task<string> CreatePaymentAsync(string? outTradeNo = null, string amount = "123.45")
    {
        var response = await Client.PostAsJsonAsync("/sandbox/gateway/payments", PaymentRequest(outTradeNo ?? NewId("T"), amount));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetString()!;
    }

    public static object PaymentRequest(string outTradeNo, string amount = "123.45", string currency = "CNY") => new
    {
        outTradeNo,
        orderNumber = "BZ261125-ABCD1234",
        amount,
        currency,
        subject = "Bazaar 订单 <BZ261125-ABCD1234>",
        notifyUrl = "https://shop.test/payments/notify",
        returnUrl = "https://shop.test/orders/42?from=pay",
    };

    /// <summary>The shopper presses a button on the pay page.</summary>
    public Task<HttpResponseMessage> SettleAsync(string paymentId, string outcome) =>
        Client.PostAsync($"/sandbox/gateway/pay/{paymentId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = outcome }));

    public async Task<string> PaidPaymentAsync(string amount = "123.45")
    {
        var paymentId = await CreatePaymentAsync(amount: amount);
        Assert.Equal(HttpStatusCode.SeeOther, (await SettleAsync(paymentId, "pay")).StatusCode);
        return paymentId;
    }

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
