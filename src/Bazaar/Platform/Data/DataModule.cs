using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Data;

public static class DataModule
{
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = config.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = config.GetConnectionString("Shop");

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Shop is empty.");
            builder.Services.AddDbContextPool<PostgresShopDb>((sp, o) => o.UseNpgsql(WithServerFriendlyDefaults(connectionString))
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelPerCipher>());
            builder.Services.AddScoped<ShopDb>(sp => sp.GetRequiredService<PostgresShopDb>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dir = StoragePaths.DataDirectory(builder.Configuration, builder.Environment);
                connectionString = $"Data Source={Path.Combine(dir, "bazaar.db")}";
            }
            // Interceptors registered as services (none in the shop itself; tests count SQL commands with one).
            builder.Services.AddDbContextPool<SqliteShopDb>((sp, o) => o.UseSqlite(connectionString)
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
                .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, ModelPerCipher>());
            builder.Services.AddScoped<ShopDb>(sp => sp.GetRequiredService<SqliteShopDb>());
        }
        builder.Services.AddSingleton(new DatabaseOptions { Provider = provider });
        // Keys in the shop's own database: every instance reads the same ring, so a cookie or
        // token issued by one instance is accepted by all of them.
        builder.Services.AddDataProtection().SetApplicationName("Bazaar").PersistKeysToDbContext<ShopDb>();
        // First of all hosted services: Data Protection's key-ring loader and the jobs must find the schema.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrateAndSeedAtStart>());
        return builder;
    }

    /// <summary>
    /// Unless the operator chose otherwise: statements the shop repeats on every request are
    /// prepared once per connection (PostgreSQL skips parsing and planning them again), and a pooled
    /// connection is not reset on every return (the shop sets no session state to clean up).
    /// </summary>
    private static string WithServerFriendlyDefaults(string connectionString)
    {
        var cs = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            cs.MaxAutoPrepare = 64;
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
            cs.NoResetOnClose = true;
        return cs.ConnectionString;
    }
}
