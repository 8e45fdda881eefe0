using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Bazaar.Platform.Data;

// Used only by `dotnet ef migrations add`; no database is contacted when generating migrations.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteShopDb>
{
    public SqliteShopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteShopDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresShopDb>
{
    public PostgresShopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresShopDb>().UseNpgsql("Host=127.0.0.1;Database=bazaar_design").Options);
}
