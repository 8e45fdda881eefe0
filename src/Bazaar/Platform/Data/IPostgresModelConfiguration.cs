using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Data;

/// <summary>
/// Model parts only PostgreSQL has (trigram GIN indexes and the like). SQLite's migrations never
/// see them, so the embedded file carries no index it cannot use.
/// </summary>
public interface IPostgresModelConfiguration
{
    void Configure(ModelBuilder model);
}
