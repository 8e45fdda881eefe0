using Bazaar.Accounts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Bazaar.Platform.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Bazaar.Platform.Data;

/// <summary>
/// The shop's one DbContext. Each module contributes its tables through IEntityTypeConfiguration
/// classes in its own folder; the provider-specific subclasses exist only so each provider keeps
/// its own migrations.
/// </summary>
public abstract class ShopDb(DbContextOptions options)
    : IdentityDbContext<ShopUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ShopDb).Assembly, t => !t.IsAbstract);
        PersonalData.Encrypt(builder, CipherOf(this));
        if (!IsPostgres)
            return;
        builder.HasPostgresExtension("pg_trgm");
        foreach (var type in typeof(ShopDb).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && typeof(IPostgresModelConfiguration).IsAssignableFrom(t)))
            ((IPostgresModelConfiguration)Activator.CreateInstance(type)!).Configure(builder);
    }

    /// <summary>
    /// The cipher of the app this context belongs to (null at design time). The model holds it in
    /// its converters, so the model is cached per cipher (<see cref="ModelPerCipher"/>): two shops
    /// in one process (the tests) never encrypt with each other's keys.
    /// </summary>
    internal static FieldCipher? CipherOf(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<FieldCipher>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Money is always decimal(18,2); SQLite stores it as TEXT so comparisons stay exact.
        configuration.Properties<decimal>().HavePrecision(18, 2);
        // SQLite keeps no time zone: every DateTime the shop stores is UTC, so say so when reading it back.
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
            configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteShopDb(DbContextOptions<SqliteShopDb> options) : ShopDb(options);

public sealed class PostgresShopDb(DbContextOptions<PostgresShopDb> options) : ShopDb(options);

internal sealed class ModelPerCipher : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), designTime, ShopDb.CipherOf(context));
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
