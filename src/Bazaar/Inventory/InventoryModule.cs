namespace Bazaar.Inventory;

public static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReserveStock>();
        builder.Services.AddScoped<HoldStock>();
        builder.Services.AddScoped<AdjustStock>();
        builder.Services.AddScoped<SetLowStockThreshold>();
        builder.Services.AddScoped<FindLowStock>();
        builder.Services.AddScoped<IInventory, StockLevels>();
        return builder;
    }

    public static WebApplication MapInventory(this WebApplication app)
    {
        app.MapInventoryEndpoints();
        return app;
    }
}
