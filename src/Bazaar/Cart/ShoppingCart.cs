namespace Bazaar.Cart;

/// <summary>
/// A cart in the database: a signed-in customer's (CustomerId) or a guest's (GuestToken, from a
/// cookie). Prices are not stored: they are read from the catalog whenever the cart is shown.
/// </summary>
public sealed class ShoppingCart
{
    public const int MaxLines = 50, MaxQuantity = ICart.MaxQuantity;

    public Guid Id { get; set; }
    public Guid? CustomerId { get; set; }
    public string? GuestToken { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<CartLine> Lines { get; set; } = [];
}

public sealed class CartLine
{
    public Guid CartId { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public DateTime AddedAt { get; set; }
}
