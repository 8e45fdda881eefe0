using System.Net;
using Bazaar.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Bazaar.Platform.Telemetry;

/// <summary>
/// Who may read /metrics: a request from the operations network (<c>Telemetry:MetricsAllowedFrom</c>,
/// the client's address after the trusted proxies' X-Forwarded-For), or a signed-in admin. Anyone
/// else meets the shop's usual answers: a stranger is asked to sign in, a customer is turned away.
/// The metrics say how busy the shop is and which routes fail: useful to an attacker timing a
/// flood, so they are not public.
/// </summary>
public sealed class MetricsReaders(IReadOnlyList<IPNetwork> networks) : AuthorizationHandler<MetricsReaders.Requirement>
{
    public const string Policy = "metrics-readers";

    /// <summary>
    /// The Admin role's own requirement (so an admin gets in exactly as at any back-office door, second
    /// factor included), which this handler also grants to the operations network.
    /// </summary>
    public sealed class Requirement() : RolesAuthorizationRequirement([Roles.Admin]);

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        if (context.Resource is HttpContext http && FromOperations(http.Connection.RemoteIpAddress))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool FromOperations(IPAddress? address)
    {
        if (address is null)
            return false; // an in-process caller with no address is nobody's network
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return networks.Any(n => n.Contains(address));
    }
}
