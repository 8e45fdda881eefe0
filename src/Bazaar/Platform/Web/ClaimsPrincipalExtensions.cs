using System.Security.Claims;

namespace Bazaar.Platform.Web;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id; only called behind RequireAuthorization.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("UserId() called for an anonymous request."));

    /// <summary>Who did it, as the order history and the refunds record it: the user name.</summary>
    public static string Actor(this ClaimsPrincipal principal) =>
        principal.Identity?.Name is { Length: > 0 } name ? name : principal.UserId().ToString();
}
