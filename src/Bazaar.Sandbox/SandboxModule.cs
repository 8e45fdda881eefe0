using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Sandbox;

/// <summary>How a host takes the sandbox in: the shop mounts it in-process, SandboxProgram runs it alone.</summary>
public static class SandboxModule
{
    /// <param name="sandboxSection">The "Sandbox" configuration section.</param>
    /// <param name="contentRoot">Where a relative Sandbox:DataDirectory (default data/sandbox) is taken from.</param>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration sandboxSection, string contentRoot)
    {
        var options = SandboxOptions.Read(sandboxSection, contentRoot);
        // Made now, not on first use: the host reads the key files as soon as this returns.
        var keys = SandboxKeys.LoadOrCreate(options.DataDirectory);
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SandboxCallbacks.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<SandboxCallbacks>();
        services.AddSingleton(_ => options.KeepBooks ? GatewayJournal.In(options.DataDirectory) : GatewayJournal.Off());
        services.AddSingleton<Gateway>();
        services.AddSingleton<Carrier>();
        services.AddSingleton<SmsInbox>();
        services.AddHostedService<SandboxLoop>();
        return services;
    }

    /// <summary>Maps every sandbox route under /sandbox and answers the group, for the host to add its conventions.</summary>
    public static RouteGroupBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        var sandbox = app.MapGroup("/sandbox");
        sandbox.MapGet("/", (HttpContext http) => SandboxHtml.Page(http, "Sandbox",
            "<h1>沙箱 Sandbox</h1><p>The outside world for the shop: a payment gateway, a parcel carrier and an SMS inbox.</p><ul>"
            + $"<li><a href=\"{SandboxHtml.Href(http, "/sandbox/gateway")}\">支付网关 Gateway</a></li>"
            + $"<li><a href=\"{SandboxHtml.Href(http, "/sandbox/carrier")}\">快递 Carrier</a></li>"
            + $"<li><a href=\"{SandboxHtml.Href(http, "/sandbox/sms")}\">短信 SMS inbox</a></li></ul>"));
        sandbox.MapGatewayApi();
        sandbox.MapGatewayPages();
        sandbox.MapCarrierApi();
        sandbox.MapCarrierPages();
        sandbox.MapSms();
        // Pages and API alike are for tools and people poking at a fake: none belongs in the host's API description.
        sandbox.ExcludeFromDescription();
        return sandbox;
    }
}
