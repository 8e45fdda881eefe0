using Bazaar.Platform.Data;

namespace Bazaar.Catalog;

public static class CatalogModule
{
    public static WebApplicationBuilder AddCatalog(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<CategoryTree>();
        s.AddSingleton<ProductCache>();
        s.AddSingleton<WarmCatalogCache>();
        s.AddHostedService(sp => sp.GetRequiredService<WarmCatalogCache>());
        s.AddHealthChecks().AddCheck<WarmCatalogCache>("cache-warm-up", tags: [Bazaar.Platform.Health.HealthModule.Ready]);
        s.AddScoped<ICatalog, ProductsForSale>();
        s.AddScoped<Bazaar.Platform.Outbox.IEventHandler<Bazaar.Ordering.OrderPaid>, CountUnitsSold>();
        s.AddScoped<BrowseProducts>();
        s.AddScoped<ProductSearch>();
        s.AddScoped<IStartupTask, IndexProductsForSearch>();
        s.AddScoped<GetProduct>();
        s.AddScoped<SaveProduct>();
        s.AddScoped<ManageProductPhotos>();
        s.AddScoped<MoveCategory>();
        s.AddScoped<PublishProducts>();
        s.AddScoped<PublishProduct>();
        s.AddScoped<FindProductsForOperators>();
        s.AddScoped<SaveCategory>();
        s.AddScoped<SeedDemoCatalog>();
        s.AddScoped<IStartupTask>(sp => sp.GetRequiredService<SeedDemoCatalog>());
        s.AddScoped<BulkSeedProducts>();
        s.AddScoped<ImportProducts>();
        s.AddScoped<ExportProducts>();
        s.AddScoped<StartProductImport>();
        s.AddScoped<ProductImportQueue>();
        s.AddSingleton<RunProductImports>();
        s.AddHostedService(sp => sp.GetRequiredService<RunProductImports>());
        return builder;
    }

    public static WebApplication MapCatalog(this WebApplication app)
    {
        app.MapCatalogEndpoints();
        app.MapProductImportEndpoints();
        app.MapProductImage();
        app.MapProductPhotoEndpoints();
        app.MapProductBulkEndpoints();
        return app;
    }
}
