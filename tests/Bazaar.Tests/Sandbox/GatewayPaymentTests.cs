using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Sandbox;

namespace Bazaar.Tests.Sandbox;

/// <summary>Create payment, the pay page, and the signed query answer.</summary>
public sealed class GatewayPaymentTests(SandboxDataDirectory data) : IClassFixture<SandboxDataDirectory>, IAsyncLifetime
{
    private SandboxHost _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SandboxHost.StartAsync(data.Path);
    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Creating_is_idempotent_on_outTradeNo_and_a_different_amount_or_currency_is_a_conflict()
    {
        var outTradeNo = SandboxHost.NewId("T");

        var first = await _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/payments", SandboxHost.PaymentRequest(outTradeNo));
        var again = await _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/payments", SandboxHost.PaymentRequest(outTradeNo));
        var otherAmount = await _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/payments", SandboxHost.PaymentRequest(outTradeNo, "123.46"));
        var otherCurrency = await _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/payments", SandboxHost.PaymentRequest(outTradeNo, currency: "USD"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        var paymentId = created.GetProperty("paymentId").GetString()!;
        Assert.StartsWith("GP", paymentId);
        Assert.Equal(outTradeNo, created.GetProperty("outTradeNo").GetString());
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.Equal($"http://localhost/sandbox/gateway/pay/{paymentId}", created.GetProperty("payUrl").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(paymentId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paymentId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, otherAmount.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherCurrency.StatusCode);
        Assert.Equal("application/problem+json", otherAmount.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_pay_page_shows_the_payment_encoded_with_a_pay_and_a_fail_button()
    {
        var paymentId = await _sandbox.CreatePaymentAsync(amount: "88.00");

        var page = await _sandbox.Client.GetAsync($"/sandbox/gateway/pay/{paymentId}");

        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("88.00 CNY", html);
        Assert.Contains("BZ261125-ABCD1234", html);
        Assert.Contains("Bazaar 订单 &lt;BZ261125-ABCD1234&gt;", html);
        Assert.Contains("<button type=\"submit\" id=\"pay\" name=\"outcome\" value=\"pay\">", html);
        Assert.Contains("<button type=\"submit\" id=\"fail\" name=\"outcome\" value=\"fail\">", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task Paying_redirects_to_the_returnUrl_and_a_second_settle_changes_nothing()
    {
        var paymentId = await _sandbox.CreatePaymentAsync(outTradeNo: "T-redirect-" + Guid.NewGuid().ToString("N")[..6]);
        var outTradeNo = _sandbox.Get<Gateway>().Find(paymentId)!.OutTradeNo;

        var paid = await _sandbox.SettleAsync(paymentId, "pay");
        var failedLater = await _sandbox.SettleAsync(paymentId, "fail");

        Assert.Equal(HttpStatusCode.SeeOther, paid.StatusCode);
        Assert.Equal($"https://shop.test/orders/42?from=pay&paymentId={paymentId}&outTradeNo={outTradeNo}",
            paid.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.SeeOther, failedLater.StatusCode);
        Assert.Equal(PaymentStatus.Paid, _sandbox.Get<Gateway>().Find(paymentId)!.Status);
        Assert.Equal(1, await _sandbox.DeliverAsync());
        Assert.Equal("TRADE_SUCCESS", Assert.Single(_sandbox.Recorder.Received).Form["trade_status"]);
        var settledPage = await _sandbox.Client.GetStringAsync($"/sandbox/gateway/pay/{paymentId}");
        Assert.DoesNotContain("id=\"pay\"", settledPage);
    }

    [Fact]
    public async Task Settle_as_a_method_settles_once()
    {
        var paymentId = await _sandbox.CreatePaymentAsync();
        var gateway = _sandbox.Get<Gateway>();

        var first = gateway.Settle(paymentId, pay: false);
        var second = gateway.Settle(paymentId, pay: true);

        Assert.True(first!.Changed);
        Assert.False(second!.Changed);
        Assert.Equal(PaymentStatus.Failed, second.Payment.Status);
        Assert.Null(gateway.Settle("GP-unknown", pay: true));
    }

    [Fact]
    public async Task The_query_answer_is_signed_and_follows_the_payment()
    {
        var paymentId = await _sandbox.CreatePaymentAsync();
        var outTradeNo = _sandbox.Get<Gateway>().Find(paymentId)!.OutTradeNo;

        var (pendingFields, pendingSign) = await QueryAsync($"/sandbox/gateway/payments/{paymentId}");
        Assert.Equal("WAIT_BUYER_PAY", pendingFields["trade_status"]);
        Assert.False(pendingFields.ContainsKey("gmt_payment"));
        Assert.True(Signatures.GatewayVerifies(pendingFields, pendingSign, _sandbox.Keys.GatewayPublicKeyPem));

        await _sandbox.SettleAsync(paymentId, "pay");
        _sandbox.Clock.Advance(TimeSpan.FromMinutes(5));
        var (fields, sign) = await QueryAsync($"/sandbox/gateway/payments?outTradeNo={Uri.EscapeDataString(outTradeNo)}");

        Assert.Equal(paymentId, fields["payment_id"]);
        Assert.Equal(outTradeNo, fields["out_trade_no"]);
        Assert.Equal("TRADE_SUCCESS", fields["trade_status"]);
        Assert.Equal("123.45", fields["total_amount"]);
        Assert.Equal("0.00", fields["refunded_amount"]);
        Assert.Equal("2026-11-25T18:00:00Z", fields["gmt_payment"]);
        Assert.Equal("2026-11-25T18:05:00Z", fields["query_time"]);
        Assert.True(Signatures.GatewayVerifies(fields, sign, _sandbox.Keys.GatewayPublicKeyPem));
        Assert.False(Signatures.GatewayVerifies(fields, sign, Signatures.OtherPublicKey()));
    }

    [Fact]
    public async Task Unknown_payments_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.GetAsync("/sandbox/gateway/payments/GPnope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.GetAsync("/sandbox/gateway/payments?outTradeNo=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.Client.GetAsync("/sandbox/gateway/pay/GPnope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _sandbox.SettleAsync("GPnope", "pay")).StatusCode);
    }

    [Theory]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"12.5","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "amount")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"0.00","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "amount")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"1000000.01","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "amount")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"-1.00","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "amount")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":12.50,"currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "amount")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"1.00","currency":"RMB1","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "currency")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"1.00","currency":"CNY","notifyUrl":"ftp://s/n","returnUrl":"https://s/r"}""", "notifyUrl")]
    [InlineData("""{"outTradeNo":"a","orderNumber":"b","amount":"1.00","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"/orders/1"}""", "returnUrl")]
    [InlineData("""{"orderNumber":"b","amount":"1.00","currency":"CNY","notifyUrl":"https://s/n","returnUrl":"https://s/r"}""", "outTradeNo")]
    public async Task Bad_fields_are_400_naming_the_field(string json, string field)
    {
        var response = await _sandbox.Client.PostAsync("/sandbox/gateway/payments", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Theory]
    [InlineData("{\"outTradeNo\": ")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body)
    {
        var response = await _sandbox.Client.PostAsync("/sandbox/gateway/payments", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Strings_longer_than_500_characters_are_400()
    {
        var request = SandboxHost.PaymentRequest(new string('x', 501));

        var response = await _sandbox.Client.PostAsJsonAsync("/sandbox/gateway/payments", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Posting_the_pay_page_without_a_valid_outcome_is_400()
    {
        var paymentId = await _sandbox.CreatePaymentAsync();

        var noForm = await _sandbox.Client.PostAsync($"/sandbox/gateway/pay/{paymentId}", new StringContent("{}", Encoding.UTF8, "application/json"));
        var badOutcome = await _sandbox.SettleAsync(paymentId, "maybe");

        Assert.Equal(HttpStatusCode.BadRequest, noForm.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome.StatusCode);
        Assert.Equal(PaymentStatus.Pending, _sandbox.Get<Gateway>().Find(paymentId)!.Status);
    }

    private async Task<(Dictionary<string, string> Fields, string Sign)> QueryAsync(string url)
    {
        var answer = await _sandbox.Client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("RSA2", answer.GetProperty("sign_type").GetString());
        var fields = answer.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return (fields, answer.GetProperty("sign").GetString()!);
    }
}
