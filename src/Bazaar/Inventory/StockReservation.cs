namespace Bazaar.Inventory;

public enum ReservationStatus { Held = 0, Committed = 1, Released = 2, Returned = 3 }

/// <summary>
/// Units of one product held for one order. The row's status is the guard that makes release and
/// commit idempotent: only a Held row can move, and only once, so stock comes back exactly once.
/// A Committed row moves once more, to Returned, when the sold goods come back to the shelf.
/// </summary>
public sealed class StockReservation
{
    public Guid OrderId { get; set; }
    public int ProductId { get; set; }
    public int Quantity { get; set; }
    public ReservationStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SettledAt { get; set; }
}
