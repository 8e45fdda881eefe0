using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using static Bazaar.Sandbox.SandboxHtml;

namespace Bazaar.Sandbox;

/// <summary>The shopper's pay page, and the gateway's books for whoever runs the sandbox.</summary>
internal static class GatewayPages
{
    public static void MapGatewayPages(this RouteGroupBuilder sandbox)
    {
        sandbox.MapGet("/gateway/pay/{paymentId}", (HttpContext http, string paymentId, [FromServices] Gateway gateway) =>
            gateway.Find(paymentId) is { } payment ? PayPage(http, payment) : NotFound(http, $"No payment {paymentId}."));
        sandbox.MapPost("/gateway/pay/{paymentId}", SettleAsync);
        sandbox.MapGet("/gateway", Books);
    }

    private static IResult PayPage(HttpContext http, Payment payment)
    {
        var body = new StringBuilder()
            .Append("<h1>收银台 Checkout</h1><div class=\"card\">")
            .Append($"<p class=\"muted\">订单号 Order number: <strong id=\"order-number\">{E(payment.OrderNumber)}</strong></p>")
            .Append($"<p>{E(payment.Subject.Length > 0 ? payment.Subject : payment.OrderNumber)}</p>")
            .Append($"<p class=\"amount\" id=\"amount\">{E(Wire.Money(payment.Amount))} {E(payment.Currency)}</p>");
        if (payment.Status == PaymentStatus.Pending)
        {
            body.Append($"<form method=\"post\" action=\"{Href(http, Gateway.PayPath(payment.PaymentId))}\">")
                .Append("<button type=\"submit\" id=\"pay\" name=\"outcome\" value=\"pay\">确认付款 Pay</button>")
                .Append("<button type=\"submit\" id=\"fail\" name=\"outcome\" value=\"fail\">支付失败 Fail</button>")
                .Append("</form>");
        }
        else
        {
            var settled = payment.Status == PaymentStatus.Paid ? "已支付 Paid" : "支付失败 Failed";
            body.Append($"<p id=\"status\">{E(settled)}</p>")
                .Append($"<p><a id=\"back\" href=\"{E(ReturnUrl(payment))}\">返回商户 Back to the shop</a></p>");
        }
        body.Append($"<p class=\"muted\">{E(payment.PaymentId)}</p></div>");
        return Page(http, "收银台 Checkout", body.ToString());
    }

    private static async Task<IResult> SettleAsync(HttpContext http, string paymentId, [FromServices] Gateway gateway)
    {
        var form = await ReadFormAsync(http);
        if (form is null)
            return Results.Problem(statusCode: 400, title: "The request could not be read.",
                detail: "Post the pay page's form (application/x-www-form-urlencoded) with outcome=pay or outcome=fail.");
        var outcome = form["outcome"].ToString();
        if (outcome is not ("pay" or "fail"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = ["outcome must be pay or fail."] });
        var settlement = gateway.Settle(paymentId, outcome == "pay");
        return settlement is null
            ? Results.Problem(statusCode: 404, title: "No such payment.", detail: $"No payment has paymentId {paymentId}.")
            : SeeOther(ReturnUrl(settlement.Payment));
    }

    private static string ReturnUrl(Payment payment) =>
        QueryHelpers.AddQueryString(payment.ReturnUrl, new Dictionary<string, string?>
        {
            ["paymentId"] = payment.PaymentId,
            ["outTradeNo"] = payment.OutTradeNo,
        });

    private static IResult Books(HttpContext http, [FromServices] Gateway gateway, [FromServices] SandboxCallbacks callbacks)
    {
        var body = new StringBuilder("<h1>支付网关 Gateway</h1><h2>支付 Payments</h2><table><tr><th>paymentId</th>")
            .Append("<th>outTradeNo</th><th>订单 Order</th><th>金额 Amount</th><th>已退 Refunded</th><th>状态 Status</th><th>创建 Created</th><th>支付 Paid</th></tr>");
        foreach (var p in gateway.Payments())
            body.Append($"<tr><td><a href=\"{Href(http, Gateway.PayPath(p.PaymentId))}\">{E(p.PaymentId)}</a></td><td>{E(p.OutTradeNo)}</td>")
                .Append($"<td>{E(p.OrderNumber)}</td><td>{E(Wire.Money(p.Amount))} {E(p.Currency)}</td><td>{E(Wire.Money(p.RefundedAmount))}</td>")
                .Append($"<td>{E(p.WireStatus)}</td><td>{E(When(p.CreatedAt))}</td><td>{E(When(p.PaidAt))}</td></tr>");
        body.Append("</table><h2>退款 Refunds</h2><table><tr><th>refundId</th><th>outRefundNo</th><th>paymentId</th><th>金额 Amount</th><th>原因 Reason</th><th>时间 At</th></tr>");
        foreach (var r in gateway.Refunds())
            body.Append($"<tr><td>{E(r.RefundId)}</td><td>{E(r.OutRefundNo)}</td><td>{E(r.PaymentId)}</td>")
                .Append($"<td>{E(Wire.Money(r.Amount))}</td><td>{E(r.Reason)}</td><td>{E(When(r.RefundedAt))}</td></tr>");
        body.Append("</table><h2>通知 Notifications</h2><table><tr><th>notify_id</th><th>类型 Type</th><th>paymentId</th><th>notifyUrl</th><th>状态 Status</th><th>尝试 Attempts</th></tr>");
        foreach (var d in callbacks.Deliveries.Where(d => d.Kind != CallbackKind.TrackingEvent).Reverse())
            body.Append($"<tr><td>{E(d.Id)}</td><td>{E(d.Kind)}</td><td>{E(d.About)}</td><td>{E(d.Url)}</td>")
                .Append($"<td>{E(d.Status)}{(d.DueAt is { } due ? " · next " + E(When(due)) : "")}</td><td>{AttemptLines(d)}</td></tr>");
        body.Append("</table>");
        return Page(http, "支付网关 Gateway", body.ToString());
    }
}
