using System.Text;
using Microsoft.AspNetCore.Mvc;
using static Bazaar.Sandbox.SandboxHtml;

namespace Bazaar.Sandbox;

/// <summary>The SMS inbox: the shop sends texts here; people read them on the inbox page.</summary>
internal static class SmsEndpoints
{
    private sealed record SmsBody(string? To, string? Text, string? Reference);

    public static void MapSms(this RouteGroupBuilder sandbox)
    {
        sandbox.MapPost("/sms/messages", ReceiveAsync);
        sandbox.MapGet("/sms/messages", (HttpRequest request, [FromServices] SmsInbox inbox) =>
            Results.Json(inbox.Messages(request.Query["to"].ToString()).Select(View), Wire.Json));
        sandbox.MapGet("/sms", Inbox);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, [FromServices] SmsInbox inbox)
    {
        var (body, unreadable) = await FieldErrors.ReadJsonAsync<SmsBody>(http.Request);
        if (body is null)
            return unreadable!;
        var errors = new FieldErrors();
        var to = errors.Required("to", body.To, max: 32);
        var text = errors.Required("text", body.Text);
        var reference = errors.Optional("reference", body.Reference);
        if (errors.Any)
            return errors.ToResult();
        var (message, received) = inbox.Receive(to, text, reference);
        return Results.Json(View(message), Wire.Json, statusCode: received ? 201 : 200);
    }

    private static object View(SmsMessage m) =>
        new { id = m.Id, to = m.To, text = m.Text, reference = m.Reference, receivedAt = Wire.Time(m.ReceivedAt) };

    private static IResult Inbox(HttpContext http, [FromServices] SmsInbox inbox)
    {
        var to = http.Request.Query["to"].ToString();
        var body = new StringBuilder("<h1>短信 SMS inbox</h1>")
            .Append($"<form method=\"get\" action=\"{Href(http, "/sandbox/sms")}\"><label>收件号码 To ")
            .Append($"<input name=\"to\" value=\"{E(to)}\"></label> <button type=\"submit\">筛选 Filter</button></form>");
        var messages = inbox.Messages(to);
        if (messages.Count == 0)
            body.Append("<p class=\"muted\">没有短信 No messages.</p>");
        else
        {
            body.Append("<table id=\"messages\"><tr><th>时间 Received</th><th>收件人 To</th><th>内容 Text</th><th>reference</th></tr>");
            foreach (var m in messages)
                body.Append($"<tr><td>{E(When(m.ReceivedAt))}</td><td>{E(m.To)}</td><td class=\"text\">{E(m.Text)}</td><td>{E(m.Reference)}</td></tr>");
            body.Append("</table>");
        }
        return Page(http, "短信 SMS", body.ToString());
    }
}
