using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Platform.Telemetry;

/// <summary>
/// Log lines an operator can follow: <c>Logging:Format=json</c> (the cluster) writes one JSON object
/// per line for a log shipper; otherwise readable text (development). Either way each line carries
/// the trace id of the request it belongs to, the same id the trace and nginx's access log show.
/// No personal data goes in a message: log ids (order, customer), never a phone, an address or a token.
/// </summary>
public static class ShopLogging
{
    public static WebApplicationBuilder AddShopLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
            builder.Services.Configure<SimpleConsoleFormatterOptions>(o => o.IncludeScopes = true);
        return builder;
    }
}
