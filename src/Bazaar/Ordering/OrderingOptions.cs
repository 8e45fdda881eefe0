namespace Bazaar.Ordering;

/// <summary>Ordering:* settings.</summary>
public sealed class OrderingOptions
{
    /// <summary>Flat shipping fee in CNY.</summary>
    public decimal ShippingFee { get; set; } = 10.00m;

    /// <summary>Orders whose subtotal reaches this ship free.</summary>
    public decimal FreeShippingOver { get; set; } = 99.00m;

    /// <summary>How long an order waits for payment before it is cancelled and its stock released.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the expiry job looks for overdue orders.</summary>
    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after delivery an order completes by itself (the window for complaints has closed).</summary>
    public TimeSpan AutoCompleteAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the completion job looks for delivered orders.</summary>
    public TimeSpan CompletionInterval { get; set; } = TimeSpan.FromHours(1);

    public decimal ShippingFor(decimal subtotal) => subtotal >= FreeShippingOver ? 0m : ShippingFee;
}
