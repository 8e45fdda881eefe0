using Bazaar.Platform.Cluster;
using Bazaar.Tests.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Cluster;

/// <summary>
/// Three instances wake their jobs at the same moment; only one of them runs a job's pass (and
/// asks the payment gateway about each pending payment), the others skip that tick.
/// </summary>
public sealed class JobLeaseTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task While_one_instance_runs_a_jobs_pass_the_other_skips_it_and_takes_the_next()
    {
        var first = cluster.First.Services.GetRequiredService<JobLease>();
        var second = cluster.Second.Services.GetRequiredService<JobLease>();
        var job = "test-job-" + Guid.NewGuid().ToString("N");

        var running = await first.TryTakeAsync(job, default);
        Assert.NotNull(running);
        Assert.Null(await second.TryTakeAsync(job, default));

        await running.DisposeAsync();
        await using var next = await second.TryTakeAsync(job, default);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task Different_jobs_do_not_wait_for_each_other()
    {
        var first = cluster.First.Services.GetRequiredService<JobLease>();
        var second = cluster.Second.Services.GetRequiredService<JobLease>();

        await using var expiry = await first.TryTakeAsync("test-expiry-" + Guid.NewGuid().ToString("N"), default);
        await using var payments = await second.TryTakeAsync("test-payments-" + Guid.NewGuid().ToString("N"), default);

        Assert.NotNull(expiry);
        Assert.NotNull(payments);
    }
}
