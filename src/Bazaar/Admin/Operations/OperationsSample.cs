using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Admin.Operations;

/// <summary>
/// What one instance saw in one interval (5 s): the operations page's raw material. Every instance
/// writes its own, so any instance can show them all without Prometheus. Latency is kept as bucket
/// counts, not as percentiles, so the page can add instances and intervals together and still take
/// a true p99 of the sum (an average of p99s is not a p99).
/// </summary>
public sealed class OperationsSample
{
    public long Id { get; set; }
    public string Instance { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime At { get; set; }
    public double Seconds { get; set; }
    public long Requests { get; set; }
    public long Errors { get; set; }

    /// <summary>Requests per <see cref="LatencyBuckets.UpperMs"/> bucket, comma-separated.</summary>
    public string Latency { get; set; } = "";
    public long Orders { get; set; }
    public long PaymentsSucceeded { get; set; }
    public long PaymentsFailed { get; set; }
    public long CacheHits { get; set; }
    public long CacheMisses { get; set; }
    public long? OutboxBacklog { get; set; }
    public double? OutboxOldestSeconds { get; set; }
    public double? ReplicationLagSeconds { get; set; }
    public bool Ready { get; set; }

    /// <summary>The readiness checks that did not pass, with their status ("redis: Degraded").</summary>
    public string? Unready { get; set; }
}

internal sealed class OperationsSampleConfiguration : IEntityTypeConfiguration<OperationsSample>
{
    public void Configure(EntityTypeBuilder<OperationsSample> s)
    {
        s.ToTable("OperationsSamples");
        s.Property(x => x.Instance).HasMaxLength(200).IsRequired();
        s.Property(x => x.Latency).HasMaxLength(400).IsRequired();
        s.Property(x => x.Unready).HasMaxLength(500);
        // The page reads the last hour; pruning deletes what is older.
        s.HasIndex(x => x.At);
    }
}
