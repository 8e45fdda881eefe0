namespace Bazaar.Inventory;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReserveStock>();
        builder.Services.AddScoped<IInventory, StockLevels>();
        return builder;
    }
}
