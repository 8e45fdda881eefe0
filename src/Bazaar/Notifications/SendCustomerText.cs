using Bazaar.Accounts;
using Bazaar.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Notifications;

/// <summary>
/// Records a text for a customer under its natural key, then sends it. Called from outbox handlers,
/// so at least once: the key makes the record once, the provider's dedupe on the key sends it once,
/// and a failed send throws so the outbox tries again later.
/// </summary>
public sealed class SendCustomerText(ShopDb db, ICustomerContacts contacts, SmsGateway sms, TimeProvider clock)
{
    public async Task HandleAsync(string key, string kind, Guid customerId, Guid orderId, string text, CancellationToken ct)
    {
        var note = await db.Set<CustomerNotification>().SingleOrDefaultAsync(n => n.Key == key, ct);
        if (note is null)
        {
            var phone = await contacts.PhoneOfAsync(customerId, ct);
            note = new CustomerNotification
            {
                Id = Guid.CreateVersion7(), Key = key, Kind = kind, CustomerId = customerId, OrderId = orderId,
                To = phone ?? "", Text = text, CreatedAt = clock.GetUtcNow().UtcDateTime,
                Status = string.IsNullOrEmpty(phone) ? NotificationStatus.NoPhone : NotificationStatus.Pending,
            };
            db.Add(note);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                note = await db.Set<CustomerNotification>().SingleAsync(n => n.Key == key, ct);
            }
        }
        if (note.Status != NotificationStatus.Pending)
            return;

        note.Attempts++;
        await sms.SendAsync(note.To, note.Text, note.Key, ct);
        note.Status = NotificationStatus.Sent;
        note.SentAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
