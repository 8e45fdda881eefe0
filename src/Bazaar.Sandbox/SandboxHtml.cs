using System.Globalization;
using System.Net;
using System.Text;

namespace Bazaar.Sandbox;

/// <summary>The pages' frame: plain HTML, every value encoded, no script, no outside assets.</summary>
internal static class SandboxHtml
{
    private const string Style = """
        body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#f6f6f4}
        header{background:#1f4e79;color:#fff;padding:.6rem 1.2rem}header a{color:#fff;margin-right:1rem}
        main{padding:1rem 1.2rem;max-width:70rem}table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:1.5rem}
        th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
        th{background:#eef2f6}.amount{font-size:2rem;font-weight:bold}.muted{color:#777}
        button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.6rem;cursor:pointer}
        #pay{background:#1677ff;color:#fff;border:0}#fail{background:#fff;color:#c00;border:1px solid #c00}
        .card{background:#fff;padding:1rem 1.5rem;max-width:32rem;border:1px solid #ddd}
        """;

    public static string E(object? value) =>
        WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    /// <summary>A path under the host's path base, encoded for an attribute.</summary>
    public static string Href(HttpContext http, string path) => E(http.Request.PathBase + path);

    public static IResult Page(HttpContext http, string title, string body, int statusCode = 200)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" · Sandbox</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><strong>沙箱 Sandbox</strong> &nbsp; ")
            .Append("<a href=\"").Append(Href(http, "/sandbox/gateway")).Append("\">支付网关 Gateway</a>")
            .Append("<a href=\"").Append(Href(http, "/sandbox/carrier")).Append("\">快递 Carrier</a>")
            .Append("<a href=\"").Append(Href(http, "/sandbox/sms")).Append("\">短信 SMS</a></header><main>")
            .Append(body)
            .Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    public static IResult NotFound(HttpContext http, string what) =>
        Page(http, "Not found", $"<h1>找不到 Not found</h1><p>{E(what)}</p>", 404);

    /// <summary>303: after a form post the browser follows with a GET.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>The form of a page post, or null when the body is not a readable form.</summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
            return null;
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    public static string When(DateTimeOffset? at) => at is { } value ? Wire.Time(value) : "";

    /// <summary>One line per try of a callback.</summary>
    public static string AttemptLines(CallbackDelivery delivery) =>
        delivery.Attempts.Count == 0 ? "<span class=\"muted\">—</span>"
            : string.Join("<br>", delivery.Attempts.Select(a =>
                $"#{a.Number} {E(When(a.At))} → {E(a.StatusCode?.ToString() ?? "—")} {E(a.Answer)}"));

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
