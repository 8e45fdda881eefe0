namespace Bazaar.Accounts;

/// <summary>A delivery address in a customer's address book.</summary>
public sealed class Address
{
    public const int MaxPerCustomer = 20;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Recipient { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string District { get; set; } = "";
    public string Street { get; set; } = "";
    public string Postcode { get; set; } = "";
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string OneLine => $"{Province} {City} {District} {Street} {Postcode}";
}
