using System.Security.Cryptography;
using System.Text;
using Bazaar.Accounts;
using Bazaar.Cart;
using Bazaar.Catalog;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Platform.Outbox;
using Bazaar.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Bazaar.Ordering;

public sealed record OrderItemRequest(int? ProductId, int? Quantity);

/// <summary>Items to buy now, or none to buy the cart; and the address-book entry to ship to.</summary>
public sealed record PlaceOrderRequest(IReadOnlyList<OrderItemRequest>? Items, Guid? AddressId);

/// <summary>
/// Places an order in one transaction: the order and its lines (prices from the catalog, never the
/// client), the stock reservation of every line, and emptying the cart. Any short line rolls all
/// of it back. The Idempotency-Key is a unique index, so retries and races yield one order.
/// </summary>
public sealed class PlaceOrder(ShopDb db, ICatalog catalog, IInventory inventory, ICart cart, AddressBook addresses,
    IOutbox outbox, IOptions<OrderingOptions> options, TimeProvider clock)
{
    public const int MaxLines = 50, MaxKeyLength = 100;

    private static readonly System.Diagnostics.Metrics.Counter<long> Placed =
        Platform.Telemetry.ShopMeter.Meter.CreateCounter<long>("bazaar.orders.placed", "{order}", "Orders placed (committed)");

    public static FieldErrors Validate(PlaceOrderRequest r, string? idempotencyKey)
    {
        var errors = new FieldErrors();
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxKeyLength || idempotencyKey.Any(char.IsControl)))
            errors.Add("idempotencyKey", $"Idempotency-Key must be 1 to {MaxKeyLength} printable characters.");
        if (r.AddressId is null || r.AddressId == Guid.Empty)
            errors.Add("addressId", "Choose a delivery address (addressId).");
        if (r.Items is { } items)
        {
            if (items.Count is 0 or > MaxLines)
                errors.Add("items", $"An order has 1 to {MaxLines} items; leave items out to order the cart.");
            for (var i = 0; i < items.Count && i < MaxLines; i++)
            {
                if (items[i]?.ProductId is null or <= 0)
                    errors.Add($"items[{i}].productId", "productId is required.");
                if (items[i]?.Quantity is null or < 1 or > ICart.MaxQuantity)
                    errors.Add($"items[{i}].quantity", $"quantity must be between 1 and {ICart.MaxQuantity}.");
            }
        }
        return errors;
    }

    public async Task<Result<OrderView>> HandleAsync(Guid customerId, PlaceOrderRequest r, string? idempotencyKey,
        bool chinese, CancellationToken ct)
    {
        var errors = Validate(r, idempotencyKey);
        if (errors.Any)
            return Problem.Invalid(errors);
        var hash = RequestHash(r);
        var fromCart = r.Items is null;
        // A retried cart order finds the cart already emptied, so it must look for its order first.
        // An items order needs no look-up: the unique key stops its second insert and answers then.
        if (fromCart && idempotencyKey is not null && await ReplayAsync(customerId, idempotencyKey, hash, chinese, ct) is { } replay)
            return replay;

        var address = await addresses.FindAsync(customerId, r.AddressId!.Value, ct);
        if (address is null)
            return Problem.Invalid(errors.Add("addressId", "That address is not in your address book."));

        var wanted = fromCart
            ? (await cart.ItemsAsync(customerId, ct)).Select(i => (i.ProductId, i.Quantity)).ToList()
            : r.Items!.GroupBy(i => i.ProductId!.Value).Select(g => (g.Key, g.Sum(i => i.Quantity!.Value))).ToList();
        if (wanted.Count == 0)
            return Problem.Invalid(errors.Add("items", "Your cart is empty."));
        if (wanted.Any(w => w.Item2 > ICart.MaxQuantity))
            return Problem.Invalid(errors.Add("items", $"At most {ICart.MaxQuantity} units of one product per order."));

        var products = await catalog.FindAsync(wanted.Select(w => w.Item1).ToList(), ct);
        var unsellable = wanted.Where(w => !products.TryGetValue(w.Item1, out var p) || !p.IsPublished).Select(w => w.Item1).ToList();
        if (unsellable.Count > 0)
            return Problem.Invalid(errors.Add("items", $"Not for sale: product(s) {string.Join(", ", unsellable)}."));

        var order = Build(customerId, address, wanted.Select(w => (products[w.Item1], w.Item2)).ToList(), idempotencyKey, hash);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(order);
        db.Add(new OrderStatusChange { OrderId = order.Id, To = OrderStatus.PendingPayment, At = order.PlacedAt, By = "customer", Reason = "placed" });
        outbox.Raise(new OrderPlaced(order.Id, order.Number, customerId, order.Total, order.Currency, order.PlacedAt));
        ReserveOutcome reserved;
        try
        {
            // One conditional UPDATE per line, then one batch that writes the order, its lines, its
            // history and the reservations together: three round trips while the stock rows are locked.
            reserved = await inventory.ReserveAsync(order.Id, order.Lines.Select(l => new StockRequest(l.ProductId, l.Quantity)).ToList(), ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same key won a race on another request or instance, or this is a retry: answer with that order.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await ReplayAsync(customerId, idempotencyKey, hash, chinese, ct)
                ?? throw new InvalidOperationException("Idempotency conflict without a stored order.");
        }
        if (!reserved.Succeeded)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var names = reserved.ShortProductIds.Select(id => products[id].Name(chinese));
            return new Problem(StatusCodes.Status409Conflict, "Not enough stock.",
                $"Sold out or not enough left: {string.Join(", ", names)}. Nothing was reserved.")
            {
                Extensions = new Dictionary<string, object?> { ["shortProductIds"] = reserved.ShortProductIds },
            };
        }
        if (fromCart)
            await cart.ClearAsync(customerId, ct);
        await tx.CommitAsync(ct);
        Placed.Add(1);
        db.ChangeTracker.Clear();
        return OrderView.From(order, chinese);
    }

    /// <summary>The order as it will be stored; <paramref name="id"/> when the caller needs to know it before saving.</summary>
    internal Order Build(Guid customerId, AddressView a, List<(ProductForSale Product, int Quantity)> lines, string? key, string? hash,
        Guid? id = null)
    {
        // Microseconds, as PostgreSQL stores them: the answer now and the answer to a retry read the same.
        var now = TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);
        var o = new Order
        {
            Id = id ?? Guid.CreateVersion7(), Number = OrderNumber.New(now), CustomerId = customerId, Status = OrderStatus.PendingPayment,
            Currency = "CNY", Recipient = a.Recipient, Phone = a.Phone, Province = a.Province, City = a.City, District = a.District,
            Street = a.Street, Postcode = a.Postcode, PlacedAt = now, UpdatedAt = now,
            PaymentDueAt = now + options.Value.PaymentTimeout, IdempotencyKey = key, RequestHash = hash,
        };
        var lineNo = 0;
        foreach (var (p, q) in lines)
            o.Lines.Add(new OrderLine
            {
                OrderId = o.Id, LineNo = ++lineNo, ProductId = p.Id, Sku = p.Sku, NameZh = p.NameZh, NameEn = p.NameEn,
                UnitPrice = p.Price, Quantity = q, LineTotal = p.Price * q,
            });
        o.Subtotal = o.Lines.Sum(l => l.LineTotal);
        o.ShippingFee = options.Value.ShippingFor(o.Subtotal);
        o.Total = o.Subtotal + o.ShippingFee;
        return o;
    }

    private async Task<Result<OrderView>?> ReplayAsync(Guid customerId, string key, string hash, bool chinese, CancellationToken ct)
    {
        var existing = await db.Set<Order>().AsNoTracking().Include(o => o.Lines)
            .SingleOrDefaultAsync(o => o.CustomerId == customerId && o.IdempotencyKey == key, ct);
        if (existing is null)
            return null;
        if (existing.RequestHash != hash)
            return new Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused.",
                "This Idempotency-Key was already used for a different order request. Use a new key for a new order.");
        return OrderView.From(existing, chinese);
    }

    private static DateTime TruncateToMicroseconds(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    /// <summary>What the request asked for, so a reused key with a different request is caught.</summary>
    private static string RequestHash(PlaceOrderRequest r)
    {
        var items = r.Items is null ? "cart"
            : string.Join(';', r.Items.GroupBy(i => i.ProductId).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Sum(i => i.Quantity)}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{r.AddressId}|{items}")));
    }
}
