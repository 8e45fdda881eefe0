using Microsoft.Extensions.Configuration;

namespace Bazaar.Sandbox;

/// <summary>The "Sandbox" configuration section, read once when the sandbox is added.</summary>
public sealed class SandboxOptions
{
    /// <summary>Absolute: a relative Sandbox:DataDirectory is taken from the content root.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The longest wait between two tries of one callback (Sandbox:Gateway:MaxRetryDelay).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Tries per callback, the first included (Sandbox:Gateway:NotifyAttempts).</summary>
    public int NotifyAttempts { get; init; } = 15;

    /// <summary>Keep the gateway's books on disk under DataDirectory, so a restart forgets no payment (Sandbox:Gateway:KeepBooks).</summary>
    public bool KeepBooks { get; init; }

    /// <summary>Null: parcels move only when told to (Sandbox:Carrier:AutoAdvanceEvery).</summary>
    public TimeSpan? AutoAdvanceEvery { get; init; }

    /// <summary>How often the background loop looks for due work; zero switches the loop off.</summary>
    public TimeSpan CallbackPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public static SandboxOptions Read(IConfiguration section, string contentRoot)
    {
        var directory = section["DataDirectory"];
        var options = new SandboxOptions
        {
            DataDirectory = Path.GetFullPath(Path.Combine(contentRoot,
                string.IsNullOrWhiteSpace(directory) ? Path.Combine("data", "sandbox") : directory)),
            MaxRetryDelay = section.GetValue<TimeSpan?>("Gateway:MaxRetryDelay") ?? TimeSpan.FromMinutes(10),
            NotifyAttempts = section.GetValue<int?>("Gateway:NotifyAttempts") ?? 15,
            KeepBooks = section.GetValue<bool?>("Gateway:KeepBooks") ?? false,
            AutoAdvanceEvery = section.GetValue<TimeSpan?>("Carrier:AutoAdvanceEvery"),
            CallbackPollInterval = section.GetValue<TimeSpan?>("CallbackPollInterval") ?? TimeSpan.FromMilliseconds(200),
        };
        // A bad value here would surface much later as a tight loop or no deliveries at all.
        if (options.MaxRetryDelay <= TimeSpan.Zero)
            throw new InvalidOperationException("Sandbox:Gateway:MaxRetryDelay must be positive.");
        if (options.NotifyAttempts < 1)
            throw new InvalidOperationException("Sandbox:Gateway:NotifyAttempts must be at least 1.");
        if (options.AutoAdvanceEvery is { } every && every <= TimeSpan.Zero)
            throw new InvalidOperationException("Sandbox:Carrier:AutoAdvanceEvery must be positive when set.");
        if (options.CallbackPollInterval < TimeSpan.Zero)
            throw new InvalidOperationException("Sandbox:CallbackPollInterval must not be negative.");
        return options;
    }
}
