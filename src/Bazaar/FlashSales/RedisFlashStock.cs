using StackExchange.Redis;

namespace Bazaar.FlashSales;

public enum Take { Won, SoldOut, SoldOutForGood, AlreadyBuyer, NotOpened }

/// <summary>
/// A sale's stock in Redis, when Redis is configured: the gate that turns away everyone after the last
/// unit without a database round trip. Redis never has the last word: the database's conditional
/// UPDATE does, and <see cref="ReconcileFlashStock"/> makes Redis agree with it again. Every method may
/// throw what <see cref="IsOutage"/> recognises; callers then decide in the database alone.
/// </summary>
public sealed class RedisFlashStock(IConnectionMultiplexer? redis, string keyPrefix)
{
    /// <summary>Configured and connected; when false, buyers go straight to the database.</summary>
    public bool IsAvailable => redis is { IsConnected: true };

    public static bool IsOutage(Exception e) => e is RedisException or TimeoutException;

    public async Task<Take> TakeAsync(Guid saleId, Guid customerId, DateTimeOffset now)
    {
        var outcome = (int)await Run(FlashStockScripts.Take, saleId, customerId.ToString(), now.ToUnixTimeMilliseconds());
        return outcome switch { 1 => Take.Won, 0 => Take.SoldOut, 2 => Take.SoldOutForGood, -2 => Take.AlreadyBuyer, _ => Take.NotOpened };
    }

    /// <summary>Every customer Redis holds as a buyer of the sale.</summary>
    public async Task<IReadOnlyList<Guid>> BuyersAsync(Guid saleId) =>
        (await Database.SetMembersAsync(Keys(saleId)[1])).Select(k => Guid.Parse(k.ToString())).ToList();

    /// <summary>The winner's order is in the database: its unit is no longer pending.</summary>
    public Task ConfirmAsync(Guid saleId, Guid customerId) =>
        Database.HashDeleteAsync(Keys(saleId)[2], customerId.ToString());

    public Task GiveBackAsync(Guid saleId, Guid customerId) => Run(FlashStockScripts.GiveBack, saleId, customerId.ToString());

    public Task SoldOutAsync(Guid saleId, Guid customerId) => Run(FlashStockScripts.SoldOut, saleId, customerId.ToString());

    /// <returns>Units given back, or -1 when <paramref name="onlyIfNotOpen"/> found the sale open already.</returns>
    public async Task<int> ReconcileAsync(Guid saleId, int quantity, IReadOnlyCollection<Guid> buyersInDatabase, DateTimeOffset now,
        TimeSpan pendingTimeout, DateTimeOffset expireAt, bool onlyIfNotOpen)
    {
        var args = new List<RedisValue>(buyersInDatabase.Count + 5)
        {
            quantity, now.ToUnixTimeMilliseconds(), (long)pendingTimeout.TotalMilliseconds, expireAt.ToUnixTimeSeconds(),
            onlyIfNotOpen ? 1 : 0,
        };
        args.AddRange(buyersInDatabase.Select(b => (RedisValue)b.ToString()));
        return (int)await Database.ScriptEvaluateAsync(FlashStockScripts.Reconcile, Keys(saleId), args.ToArray());
    }

    /// <summary>Units Redis would still hand out, or null when the sale is not open there.</summary>
    public async Task<int?> RemainingAsync(Guid saleId) =>
        await Database.StringGetAsync(Keys(saleId)[0]) is { IsNull: false } left ? (int)left : null;

    /// <summary>Customers with a unit taken in Redis whose order is not yet known to be in the database.</summary>
    public async Task<IReadOnlyList<Guid>> PendingAsync(Guid saleId) =>
        (await Database.HashKeysAsync(Keys(saleId)[2])).Select(k => Guid.Parse(k.ToString())).ToList();

    private IDatabase Database => (redis ?? throw new InvalidOperationException("Redis is not configured.")).GetDatabase();

    private Task<RedisResult> Run(string script, Guid saleId, params RedisValue[] args) =>
        Database.ScriptEvaluateAsync(script, Keys(saleId), args);

    /// <summary>The braces make one hash slot of a sale's keys, so the scripts also run on a Redis cluster.</summary>
    private RedisKey[] Keys(Guid saleId)
    {
        var sale = $"{keyPrefix}flash:{{{saleId:N}}}:";
        return [sale + "remaining", sale + "buyers", sale + "pending"];
    }
}
