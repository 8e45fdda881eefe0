namespace Bazaar.FlashSales;

/// <summary>
/// The Lua run inside Redis. Each script is atomic, so no two buyers, instances or reconcilers ever see
/// a sale's keys half changed. KEYS are always the sale's three keys: 1 remaining units (a counter),
/// 2 buyers (a set of customer ids), 3 pending (a hash customer → millisecond time of a unit taken in
/// Redis whose order is not yet known to be in the database). Within Redis, remaining + |buyers| =
/// quantity; the database decides only who is in the set for good.
/// </summary>
internal static class FlashStockScripts
{
    /// <summary>
    /// ARGV: customer, now (ms). Returns 1 won (a unit taken, buyer recorded, pending), 0 sold out,
    /// 2 sold out for good, -2 already a buyer, -1 the sale is not opened in Redis yet (the caller loads
    /// it from the database). The buyer test comes first so a retry of a winner is told "already bought",
    /// never "sold out". Sold out with nothing pending means every buyer's purchase is in the database
    /// (a pending entry goes only when the database has decided), so the database's Sold has reached the
    /// quantity, and Sold never shrinks: no unit can ever come back, and the buyers are final.
    /// </summary>
    public const string Take = """
        local left = redis.call('GET', KEYS[1])
        if not left then return -1 end
        if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return -2 end
        if tonumber(left) <= 0 then
          if redis.call('HLEN', KEYS[3]) == 0 then return 2 end
          return 0
        end
        redis.call('DECR', KEYS[1])
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
        return 1
        """;

    /// <summary>
    /// ARGV: customer. The database refused the winner: the unit goes back. Only the one who removes the
    /// pending entry gives it back, so a reconciler that got there first is not doubled. A missing counter
    /// is not recreated (that would open a sale with one unit).
    /// </summary>
    public const string GiveBack = """
        if redis.call('HDEL', KEYS[3], ARGV[1]) == 0 then return 0 end
        redis.call('SREM', KEYS[2], ARGV[1])
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCR', KEYS[1]) end
        return 1
        """;

    /// <summary>ARGV: customer. The database says the sale is sold out (or over): nothing is left for anyone.</summary>
    public const string SoldOut = """
        redis.call('HDEL', KEYS[3], ARGV[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('SET', KEYS[1], 0, 'KEEPTTL') end
        return 1
        """;

    /// <summary>
    /// ARGV: quantity, now (ms), pending timeout (ms), expire-at (unix s), only-if-missing (1/0), then every
    /// customer the database has a purchase for. Makes Redis agree with the database: every database buyer
    /// is a buyer; a pending entry whose customer is in the database is done; one older than the timeout
    /// whose customer is not is given back (its instance died); then remaining = quantity - |buyers|.
    /// Returns how many units were given back, or -1 when only-if-missing found the sale already open.
    /// </summary>
    public const string Reconcile = """
        if ARGV[5] == '1' and redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
        local inDatabase = {}
        for i = 6, #ARGV do
          inDatabase[ARGV[i]] = true
          redis.call('SADD', KEYS[2], ARGV[i])
        end
        local cutoff = tonumber(ARGV[2]) - tonumber(ARGV[3])
        local pending = redis.call('HGETALL', KEYS[3])
        local givenBack = 0
        for i = 1, #pending, 2 do
          local customer = pending[i]
          if inDatabase[customer] then
            redis.call('HDEL', KEYS[3], customer)
          elseif tonumber(pending[i + 1]) <= cutoff then
            redis.call('HDEL', KEYS[3], customer)
            redis.call('SREM', KEYS[2], customer)
            givenBack = givenBack + 1
          end
        end
        local left = tonumber(ARGV[1]) - redis.call('SCARD', KEYS[2])
        if left < 0 then left = 0 end
        redis.call('SET', KEYS[1], left)
        for k = 1, 3 do redis.call('EXPIREAT', KEYS[k], ARGV[4]) end
        return givenBack
        """;
}
