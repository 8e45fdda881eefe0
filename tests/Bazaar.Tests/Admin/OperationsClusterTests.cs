using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Admin;

/// <summary>Two instances on one PostgreSQL database: each one's operations page shows both.</summary>
public sealed class OperationsClusterTests(TwoPostgresInstances cluster) : IClassFixture<TwoPostgresInstances>
{
    [Fact]
    public async Task Each_instance_sees_the_other_up_with_its_requests()
    {
        var (first, second) = (cluster.First, cluster.Second);
        // One time for the cluster, as NTP gives real ones: the later of the two (a fake clock never goes back).
        var now = new[] { first.Clock.GetUtcNow(), second.Clock.GetUtcNow() }.Max();
        foreach (var clock in new[] { first.Clock, second.Clock }.Where(c => c.GetUtcNow() < now))
            clock.SetUtcNow(now);
        (await second.Anonymous().GetAsync("/")).EnsureSuccessStatusCode();
        await first.RecordSampleAsync();
        await second.RecordSampleAsync();

        var seenByFirst = await first.OperationsAsync();
        var seenBySecond = await second.OperationsAsync();

        Assert.NotEqual(first.InstanceName(), second.InstanceName());
        foreach (var seen in new[] { seenByFirst, seenBySecond })
        {
            Assert.True(seen.Instance(first.InstanceName()).GetProperty("up").GetBoolean());
            Assert.True(seen.Instance(second.InstanceName()).GetProperty("up").GetBoolean());
        }
        Assert.True(seenByFirst.Instance(second.InstanceName()).GetProperty("requestsPerSecond").GetDouble() > 0);
    }
}
