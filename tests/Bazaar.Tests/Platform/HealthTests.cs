using System.Net;
using System.Text.Json;

namespace Bazaar.Tests.Platform;

public abstract class HealthTests(ShopFactory shop)
{
    [Fact]
    public async Task Liveness_answers_200()
    {
        var response = await shop.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_names_each_check_and_is_healthy_when_the_servers_answer()
    {
        var response = await shop.Anonymous().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        if (shop.ProviderName == "Postgres")
            Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        else
            Assert.False(checks.TryGetProperty("redis", out _), "no Redis is configured on the embedded default");
    }
}

public sealed class HealthTests_Sqlite(SqliteShop shop) : HealthTests(shop), IClassFixture<SqliteShop>;
public sealed class HealthTests_Postgres(PostgresShop shop) : HealthTests(shop), IClassFixture<PostgresShop>;
