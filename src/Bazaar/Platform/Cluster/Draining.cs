using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Platform.Cluster;

/// <summary>
/// /readyz turns 503 the moment the instance is told to stop, while it still finishes what it has:
/// a balancer or a rolling deploy watching readiness sends it nothing new.
/// </summary>
public sealed class Draining(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? new HealthCheckResult(context.Registration.FailureStatus, "shutting down: finishing in-flight requests")
            : HealthCheckResult.Healthy("serving"));
}
