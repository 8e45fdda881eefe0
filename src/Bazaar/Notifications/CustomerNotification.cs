using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bazaar.Notifications;

public enum NotificationStatus { Pending, Sent, NoPhone }

/// <summary>
/// A text message to a customer about their order. Its key names what it is about ("paid:{order}",
/// "refund:{refund}"), is unique, and is the reference the SMS gateway dedupes on, so an event
/// delivered twice still sends one message.
/// </summary>
public sealed class CustomerNotification
{
    public Guid Id { get; set; }
    public string Key { get; set; } = "";
    public Guid CustomerId { get; set; }
    public Guid OrderId { get; set; }
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    public string Text { get; set; } = "";
    public NotificationStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

internal sealed class CustomerNotificationConfiguration : IEntityTypeConfiguration<CustomerNotification>
{
    public void Configure(EntityTypeBuilder<CustomerNotification> n)
    {
        n.ToTable("CustomerNotifications");
        n.Property(x => x.Key).HasMaxLength(100).IsRequired();
        n.Property(x => x.Kind).HasMaxLength(32);
        // A copy of the customer's phone number: encrypted at rest like the account's.
        n.Property(x => x.To).IsEncrypted(32);
        n.Property(x => x.Text).HasMaxLength(500);
        n.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        n.HasIndex(x => x.Key).IsUnique();
        n.HasIndex(x => x.CreatedAt);
        n.HasIndex(x => x.OrderId);
    }
}
