using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Bazaar.Tests.Telemetry;

/// <summary>Reading /metrics as Prometheus does: from an address of the operations network, no sign-in.</summary>
public static class Scraping
{
    public static async Task<(HttpStatusCode Status, string Body, string? ContentType)> ScrapeFromAsync<T>(
        this WebApplicationFactory<T> shop, string address) where T : class
    {
        var context = await shop.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, body, context.Response.ContentType);
    }

    /// <summary>The sum of a metric's samples (every label set), or null when the exposition has none.</summary>
    public static double? Sum(string exposition, string metric)
    {
        var samples = Regex.Matches(exposition, $@"^{Regex.Escape(metric)}(\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline);
        return samples.Count == 0 ? null : samples.Sum(m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }
}
