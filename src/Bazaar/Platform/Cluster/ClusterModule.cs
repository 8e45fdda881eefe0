using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Bazaar.Platform.Health;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// What lets several instances stand behind one proxy: the client's address and scheme taken from
/// the proxy's X-Forwarded-* headers (only from proxies the operator named), a shutdown that lets
/// in-flight requests finish, and a lease so a job's pass runs on one instance at a time.
/// Data Protection keys are shared through the database (Platform/Data).
/// </summary>
public static class ClusterModule
{
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var s = builder.Services;
        var proxies = KnownProxies.Read(config);
        if (proxies.Count > 0)
        {
            s.Configure<ForwardedHeadersOptions>(o => KnownProxies.Apply(o, proxies));
            s.AddTransient<IStartupFilter, ForwardedHeadersFirst>();
        }
        // A stopping instance stops accepting, then waits this long for the requests it already has
        // (a checkout in its transaction) before the host gives up on them.
        var drain = config.GetValue("Cluster:ShutdownTimeout", TimeSpan.FromSeconds(30));
        s.Configure<HostOptions>(o => o.ShutdownTimeout = drain);
        s.AddSingleton<Draining>();
        s.AddHealthChecks().AddCheck<Draining>("draining", HealthStatus.Unhealthy, [HealthModule.Ready]);
        s.AddSingleton<JobLease>();
        CatalogReads.Register(builder);
        return builder;
    }

    /// <summary>
    /// Before everything else in the pipeline, so the error pages, redirects, cookies and the audit
    /// log all see the client's scheme, host and address rather than the proxy's.
    /// </summary>
    private sealed class ForwardedHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
