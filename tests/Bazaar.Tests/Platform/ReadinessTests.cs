using System.Net;
using System.Text.Json;

namespace Bazaar.Tests.Platform;

/// <summary>A shop whose Redis is configured but nothing listens there (port 1 on loopback).</summary>
public sealed class ShopWithDeadRedis : ShopFactory
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "bazaar-tests", Guid.NewGuid().ToString("N"));
    public override string ProviderName => "Sqlite";

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = _dir,
        ["Redis:Configuration"] = "127.0.0.1:1,connectTimeout=200",
    };
}

/// <summary>A shop pointed at a PostgreSQL database that does not exist, and told not to migrate.</summary>
public sealed class ShopWithMissingDatabase : ShopFactory
{
    public override string ProviderName => "Postgres";

    protected override IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:MigrateAtStart"] = "false",
        ["ConnectionStrings:Shop"] = new Npgsql.NpgsqlConnectionStringBuilder(PostgresShop.ServerConnectionString)
            { Database = "bazaar_no_such_database_" + Guid.NewGuid().ToString("N")[..8] }.ConnectionString,
        ["Redis:Configuration"] = PostgresShop.RedisConfiguration,
    };
}

public sealed class ReadinessWithDeadRedisTests(ShopWithDeadRedis shop) : IClassFixture<ShopWithDeadRedis>
{
    [Fact]
    public async Task Readiness_stays_200_but_says_degraded_and_names_redis_when_redis_does_not_answer()
    {
        // Still ready: the instance serves from memory and the database; a balancer must not pull it.
        var response = await shop.Anonymous().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Degraded", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_storefront_keeps_serving_from_memory_and_the_database_while_redis_is_down()
    {
        var client = shop.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var categories = await client.GetAsync("/api/v1/categories");
        Assert.Equal(HttpStatusCode.OK, categories.StatusCode);
        Assert.True(JsonDocument.Parse(await categories.Content.ReadAsStringAsync()).RootElement.GetArrayLength() > 0);
    }

    [Fact]
    public async Task Liveness_stays_200_while_redis_is_down()
    {
        var response = await shop.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ReadinessWithMissingDatabaseTests(ShopWithMissingDatabase shop) : IClassFixture<ShopWithMissingDatabase>
{
    [Fact]
    public async Task Readiness_is_503_and_names_the_database_when_it_cannot_be_reached()
    {
        var response = await shop.Anonymous().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
