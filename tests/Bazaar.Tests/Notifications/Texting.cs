using Bazaar.Platform.Outbox;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Payments;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsInbox = Bazaar.Sandbox.SmsInbox;

namespace Bazaar.Tests.Notifications;

/// <summary>The texts the sandbox inbox received, and an outbox that delivers twice.</summary>
public static class Texting
{
    public static IReadOnlyList<Bazaar.Sandbox.SmsMessage> TextsTo(this ShopFactory shop, string phone) =>
        shop.Services.GetRequiredService<SmsInbox>().Messages(phone);

    /// <summary>
    /// Makes the outbox deliver every event about the order once more, as after a crash between a
    /// handler's work and the record that it ran: the messages are unprocessed and no handler is marked done.
    /// </summary>
    public static async Task DeliverOrderEventsAgainAsync(this ShopFactory shop, Guid orderId)
    {
        var id = orderId.ToString();
        await shop.WithDbAsync(async db =>
        {
            var messages = await db.Set<OutboxMessage>().Where(m => m.Payload.Contains(id)).Select(m => m.Id).ToListAsync();
            Assert.NotEmpty(messages);
            await db.Set<OutboxDelivery>().Where(d => messages.Contains(d.MessageId)).ExecuteDeleteAsync();
            return await db.Set<OutboxMessage>().Where(m => messages.Contains(m.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, (DateTime?)null));
        });
        await shop.DispatchOutboxAsync();
    }
}
