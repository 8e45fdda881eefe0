using Microsoft.EntityFrameworkCore;

namespace Bazaar.Platform.Data;

/// <summary>
/// The shop's model on the hot standby (<c>ConnectionStrings:Standby</c>): read-only, a moment
/// behind the primary. Only <see cref="Cluster.CatalogReads"/> hands it out, and only while the
/// standby is caught up; nothing ever saves through it.
/// </summary>
public sealed class StandbyShopDb(DbContextOptions<StandbyShopDb> options) : ShopDb(options);
