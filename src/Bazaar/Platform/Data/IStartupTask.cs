namespace Bazaar.Platform.Data;

/// <summary>
/// Work a module needs done once the schema is current and before the shop takes traffic
/// (roles, the admin account, the demo catalog). Run in ascending Order.
/// </summary>
public interface IStartupTask
{
    int Order { get; }
    Task RunAsync(IServiceProvider scoped, CancellationToken ct);
}
