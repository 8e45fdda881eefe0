namespace Bazaar.Admin.Operations;

/// <summary>
/// How this instance is called on the operations page: <c>Cluster:InstanceName</c> (deploy/cluster.sh
/// sets shop-1, shop-2, …, so a restarted instance keeps its name and its history), or else the
/// machine and process id. A second shop in the same process (only tests do that) gets "#2".
/// </summary>
public sealed class InstanceName
{
    private static int _inProcess;

    public string Name { get; }
    public DateTimeOffset StartedAt { get; }

    public InstanceName(IConfiguration config, TimeProvider clock)
    {
        StartedAt = clock.GetUtcNow();
        var configured = config["Cluster:InstanceName"];
        var nth = Interlocked.Increment(ref _inProcess);
        Name = !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : $"{Environment.MachineName}:{Environment.ProcessId}" + (nth > 1 ? $"#{nth}" : "");
        if (Name.Length > 200)
            Name = Name[..200];
    }
}
