namespace Bazaar.FlashSales;

public enum FlashSaleState { Scheduled, Live, SoldOut, Ended }

/// <summary>
/// A product sold at a lower price, a fixed number of units, one per customer, from a start time to
/// an end time. The units are held in Inventory from the moment the sale is created, so ordinary
/// orders cannot take them; each purchase passes one unit from that hold to its order, and at the
/// end what was not sold goes back to ordinary stock. <see cref="Sold"/> only ever grows, through one
/// conditional UPDATE (Sold &lt; Quantity) per purchase; a check constraint says the same.
/// </summary>
public sealed class FlashSale
{
    public Guid Id { get; set; }
    public int ProductId { get; set; }
    public string Sku { get; set; } = "";
    public decimal Price { get; set; }
    /// <summary>The product's own price when the sale was created, to show the saving.</summary>
    public decimal ListPrice { get; set; }
    public int Quantity { get; set; }
    public int Sold { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>When the unsold units went back to ordinary stock; after that nothing more can be bought.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>How many units went back to ordinary stock at the close.</summary>
    public int? Released { get; set; }

    public int Remaining => Quantity - Sold;

    public FlashSaleState StateAt(DateTime now) =>
        ClosedAt is not null || now >= EndsAt ? FlashSaleState.Ended
        : now < StartsAt ? FlashSaleState.Scheduled
        : Sold >= Quantity ? FlashSaleState.SoldOut
        : FlashSaleState.Live;
}

/// <summary>
/// One customer's unit of one flash sale. The key (sale, customer) is what makes it one per customer,
/// whatever the timing; the Idempotency-Key of the request that bought it answers a retry with the same order.
/// </summary>
public sealed class FlashSalePurchase
{
    public Guid FlashSaleId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid OrderId { get; set; }
    public string IdempotencyKey { get; set; } = "";
    public DateTime At { get; set; }
}
