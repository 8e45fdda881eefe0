using System.Security.Claims;
using Bazaar.Platform.Data;

namespace Bazaar.Platform.Audit;

/// <summary>
/// Appends to the audit log. Record() joins the caller's unit of work, so the entry commits (or
/// rolls back) with the change it describes; RecordNowAsync() writes at once, for what has no
/// change of its own to ride on (a failed sign-in).
/// </summary>
public interface IAuditLog
{
    void Record(string action, string target, string? details = null);

    Task RecordNowAsync(string action, string target, string? details, CancellationToken ct, Guid? actorId = null, string? actor = null);
}

internal sealed class AuditLog(ShopDb db, IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock) : IAuditLog
{
    public void Record(string action, string target, string? details = null) => db.Add(Entry(action, target, details, null, null));

    public async Task RecordNowAsync(string action, string target, string? details, CancellationToken ct, Guid? actorId = null, string? actor = null)
    {
        // A scope of its own: the caller's context may hold changes that must not be saved with it.
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<ShopDb>();
        own.Add(Entry(action, target, details, actorId, actor));
        await own.SaveChangesAsync(ct);
    }

    private AuditEntry Entry(string action, string target, string? details, Guid? actorId, string? actor)
    {
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        Guid? userId = signedIn && Guid.TryParse(user!.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        return new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId ?? userId,
            Actor = Clip(actor ?? (signedIn ? user!.Identity!.Name : null) ?? (context is null ? "system" : "anonymous"), 100)!,
            Action = Clip(action, 64)!,
            Target = Clip(target, 200)!,
            Details = Clip(details, 2000),
            IpAddress = Clip(context?.Connection.RemoteIpAddress?.ToString(), 64),
        };
    }

    private static string? Clip(string? text, int max) => text is null ? null : text.Length > max ? text[..max] : text;
}
