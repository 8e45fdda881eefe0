using Bazaar.Platform.Data;
using Bazaar.Platform.Partners;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Payments;

/// <summary>
/// Opens a payment at the gateway for an order's total. The attempt is saved before the gateway is
/// called, and the gateway recognises a repeat of it, so a click on "pay" twice, a retry after a
/// timeout or a lost answer all end at the same payment, never at two charges.
/// </summary>
public sealed class StartPayment(ShopDb db, PaymentGateway gateway, PartnerAddresses partners, TimeProvider clock,
    ILogger<StartPayment> log)
{
    public const string NotifyPath = "api/v1/payments/notify";

    public async Task<Result<StartedPayment>> HandleAsync(PaymentRequest request, Uri returnUrl, CancellationToken ct)
    {
        if (request.Amount <= 0)
            return Problem.Conflict("There is nothing to pay on this order.");
        var attempts = await db.Set<Payment>().Where(p => p.OrderId == request.OrderId).ToListAsync(ct);
        if (attempts.Any(p => p.Status == PaymentStatus.Succeeded))
            return Problem.Conflict("This order is already paid.");

        var now = clock.GetUtcNow().UtcDateTime;
        var payment = attempts.FirstOrDefault(p => p.Status == PaymentStatus.Pending && p.Amount == request.Amount
                                                   && p.Currency == request.Currency);
        if (payment is null)
        {
            payment = new Payment
            {
                Id = Guid.CreateVersion7(), OrderId = request.OrderId, OrderNumber = request.OrderNumber,
                CustomerId = request.CustomerId, Amount = request.Amount, Currency = request.Currency,
                Status = PaymentStatus.Pending, CreatedAt = now, UpdatedAt = now,
            };
            db.Add(payment);
            await db.SaveChangesAsync(ct);
        }
        else if (payment.PayUrl is { } known)
            return new StartedPayment(payment.Id, known);

        GatewayPayment opened;
        try
        {
            opened = await gateway.CreateAsync(payment, request.Subject, new Uri(partners.ShopCallbacks, NotifyPath), returnUrl, ct);
        }
        catch (Exception e) when (PartnerClients.IsUnavailable(e))
        {
            log.LogWarning(e, "The payment gateway did not answer for order {Order}.", request.OrderNumber);
            return new Problem(StatusCodes.Status503ServiceUnavailable, "The payment gateway is not answering.",
                "Nothing was charged. Please try again in a minute.") { RetryAfter = clock.GetUtcNow().AddSeconds(30) };
        }
        catch (PartnerRefusedException e)
        {
            log.LogError(e, "The payment gateway refused to open a payment for order {Order}.", request.OrderNumber);
            return new Problem(StatusCodes.Status502BadGateway, "The payment gateway refused the payment.",
                "Nothing was charged. The shop has been told; please try again later.");
        }

        payment.GatewayPaymentId = opened.PaymentId;
        payment.PayUrl = opened.PayUrl;
        payment.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new StartedPayment(payment.Id, opened.PayUrl);
    }
}
