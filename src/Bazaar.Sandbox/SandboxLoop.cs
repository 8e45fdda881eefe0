namespace Bazaar.Sandbox;

/// <summary>
/// Every CallbackPollInterval: moves parcels whose time has come, then sends what is due. The
/// period runs on the DI TimeProvider, so a fake clock drives it too; an interval of zero leaves
/// all of it to whoever calls DeliverDueAsync and AdvanceDue by hand. It takes the Gateway so that
/// the gateway reads its kept books at start, and the notifications it still owes go out at once.
/// </summary>
internal sealed class SandboxLoop(SandboxCallbacks callbacks, Carrier carrier, Gateway gateway, SandboxOptions options,
    TimeProvider clock, ILogger<SandboxLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Asked for only to be built (and so to read its books) before the first round.
        GC.KeepAlive(gateway);
        if (options.CallbackPollInterval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(options.CallbackPollInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    carrier.AdvanceDue();
                    await callbacks.DeliverDueAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    // One bad round must not stop the sandbox's deliveries for good.
                    log.LogError(e, "Sandbox delivery round failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
