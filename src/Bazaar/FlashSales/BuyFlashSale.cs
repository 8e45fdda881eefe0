using Bazaar.Ordering;
using Bazaar.Platform.Web;

namespace Bazaar.FlashSales;

/// <summary>The address-book entry to ship the unit to; the sale and the single unit are in the URL.</summary>
public sealed record BuyFlashSaleRequest(Guid? AddressId);

/// <summary>
/// A customer's attempt at a flash sale. With Redis, one atomic script decides first (stock left, one
/// per customer) and only its winners reach the database, which decides for good (SellFlashUnit); a
/// winner the database refuses gets the unit back in Redis. Without Redis, or while it does not
/// answer, the database alone decides, just as correctly, only with every attempt costing a query.
/// </summary>
public sealed class BuyFlashSale(KnownFlashSales sales, RedisFlashStock stock, SellFlashUnit sell, OpenFlashSaleInRedis opening,
    TimeProvider clock, ILogger<BuyFlashSale> log)
{
    public const int MaxKeyLength = 100;

    public static FieldErrors Validate(BuyFlashSaleRequest r, string? idempotencyKey)
    {
        var errors = new FieldErrors();
        if (idempotencyKey is null || idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(char.IsControl))
            errors.Add("idempotencyKey", $"Send an Idempotency-Key header of 1 to {MaxKeyLength} printable characters (a fresh UUID per attempt).");
        if (r.AddressId is null || r.AddressId == Guid.Empty)
            errors.Add("addressId", "Choose a delivery address (addressId).");
        return errors;
    }

    public async Task<Result<OrderView>> HandleAsync(Guid customerId, Guid saleId, BuyFlashSaleRequest r, string? idempotencyKey,
        bool chinese, CancellationToken ct) =>
        FlashSaleMetrics.Attempted(await DecideAsync(customerId, saleId, r, idempotencyKey, chinese, ct));

    private async Task<Result<OrderView>> DecideAsync(Guid customerId, Guid saleId, BuyFlashSaleRequest r, string? idempotencyKey,
        bool chinese, CancellationToken ct)
    {
        var errors = Validate(r, idempotencyKey);
        if (errors.Any)
            return Problem.Invalid(errors);
        var sale = await sales.FindAsync(saleId, ct);
        if (sale is null)
            return Problem.NotFound("Flash sale");
        var now = clock.GetUtcNow();
        if (now.UtcDateTime < sale.StartsAt)
            return FlashSaleAnswers.NotStarted(sale);
        if (now.UtcDateTime >= sale.EndsAt)
            return FlashSaleAnswers.Ended(sale);
        if (sales.IsFinalLoser(sale.Id, customerId))
            return FlashSaleAnswers.SoldOut(sale);
        var attempt = new Attempt(sale, customerId, r.AddressId!.Value, idempotencyKey!, chinese);
        if (stock.IsAvailable && await ThroughRedisAsync(attempt, now, ct) is { } decided)
            return decided;
        return await ThroughDatabaseAsync(attempt, ct);
    }

    private sealed record Attempt(FlashSaleTerms Sale, Guid CustomerId, Guid AddressId, string Key, bool Chinese);

    /// <summary>Null when Redis could not decide: the database decides instead.</summary>
    private async Task<Result<OrderView>?> ThroughRedisAsync(Attempt a, DateTimeOffset now, CancellationToken ct)
    {
        Take taken;
        try
        {
            taken = await stock.TakeAsync(a.Sale.Id, a.CustomerId, now);
            if (taken == Take.NotOpened)
            {
                await opening.OpenAsync(a.Sale);
                taken = await stock.TakeAsync(a.Sale.Id, a.CustomerId, now);
            }
        }
        catch (Exception e) when (RedisFlashStock.IsOutage(e))
        {
            log.LogWarning("Redis did not answer for flash sale {Sale} ({Error}); the database decides.", a.Sale.Id, e.Message);
            return null;
        }
        switch (taken)
        {
            case Take.SoldOut:
                return FlashSaleAnswers.SoldOut(a.Sale);
            case Take.SoldOutForGood:
                await RememberBuyersAsync(a.Sale.Id);
                return FlashSaleAnswers.SoldOut(a.Sale);
            case Take.AlreadyBuyer:
                return await sell.EarlierPurchaseAsync(a.Sale.Id, a.CustomerId, a.Key, a.Chinese, ct) ?? FlashSaleAnswers.AlreadyBought(null);
            case Take.NotOpened:
                return null;
        }
        Result<OrderView>? sold = null;
        try
        {
            sold = await sell.HandleAsync(a.Sale, a.CustomerId, a.AddressId, a.Key, a.Chinese, ct);
            return sold.Value;
        }
        finally
        {
            await SettleInRedisAsync(a, sold);
        }
    }

    /// <summary>The final buyers, once per instance; if Redis fails meanwhile the next loser asks again.</summary>
    private async Task RememberBuyersAsync(Guid saleId)
    {
        try
        {
            sales.RememberFinalBuyers(saleId, await stock.BuyersAsync(saleId));
        }
        catch (Exception e) when (RedisFlashStock.IsOutage(e))
        {
            log.LogWarning("Could not read the buyers of sold-out flash sale {Sale} from Redis ({Error}).", saleId, e.Message);
        }
    }

    /// <summary>
    /// Tells Redis how the database decided for a winner. If this fails (Redis gone, instance killed),
    /// the pending entry stays and reconciliation settles it from the database.
    /// </summary>
    private async Task SettleInRedisAsync(Attempt a, Result<OrderView>? sold)
    {
        try
        {
            var code = FlashSaleAnswers.CodeOf(sold?.Problem);
            if (sold is { Succeeded: true } || code == FlashSaleAnswers.AlreadyBoughtCode)
                await stock.ConfirmAsync(a.Sale.Id, a.CustomerId); // the customer is a buyer in the database
            else if (code is FlashSaleAnswers.SoldOutCode or FlashSaleAnswers.EndedCode)
            {
                // Sold only grows: what the database found gone stays gone, for everyone.
                if (code == FlashSaleAnswers.SoldOutCode)
                    sales.MarkSoldOut(a.Sale.Id);
                await stock.SoldOutAsync(a.Sale.Id, a.CustomerId);
            }
            else
                await stock.GiveBackAsync(a.Sale.Id, a.CustomerId);
        }
        catch (Exception e) when (RedisFlashStock.IsOutage(e))
        {
            log.LogWarning("Could not settle {Customer}'s unit of flash sale {Sale} in Redis ({Error}); reconciliation will.",
                a.CustomerId, a.Sale.Id, e.Message);
        }
    }

    private async Task<Result<OrderView>> ThroughDatabaseAsync(Attempt a, CancellationToken ct)
    {
        // A retry must find its order even after the sale sold out, so this comes before the sold-out shortcut.
        if (await sell.EarlierPurchaseAsync(a.Sale.Id, a.CustomerId, a.Key, a.Chinese, ct) is { } earlier)
            return earlier;
        if (sales.IsSoldOut(a.Sale.Id))
            return FlashSaleAnswers.SoldOut(a.Sale);
        var sold = await sell.HandleAsync(a.Sale, a.CustomerId, a.AddressId, a.Key, a.Chinese, ct);
        if (FlashSaleAnswers.CodeOf(sold.Problem) == FlashSaleAnswers.SoldOutCode)
            sales.MarkSoldOut(a.Sale.Id);
        return sold;
    }
}
