using Bazaar.Platform.Cluster;
using Bazaar.Tests.Catalog;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Cluster;

/// <summary>
/// Catalog listings and search read from the standby while it is caught up, and from the primary
/// otherwise. The "standby" here is another database holding a product the primary does not have,
/// so where a search was answered shows in its results; the check that decides is played by the
/// test (a real standby's replay lag needs a replica server: deploy/ha-test.sh has one).
/// </summary>
public sealed class StandbyReadsTests : IAsyncLifetime
{
    private readonly PostgresShop _primary = new();
    private readonly PostgresShop _standby = new();

    public async Task InitializeAsync()
    {
        await _primary.InitializeAsync();
        await _standby.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _standby.DisposeAsync();
    }

    [Fact]
    public async Task Search_reads_from_a_caught_up_standby_and_from_the_primary_otherwise()
    {
        var word = "zqstandby" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        await CatalogApi.CreateProductAsync(_standby, body => body["nameEn"] = word + " kettle");
        await using var routed = _primary.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Standby", _standby.ConnectionString);
            // One check at start (this "standby" is a primary: not usable), the next in a day.
            b.UseSetting("Cluster:StandbyCheckInterval", "1.00:00:00");
        });
        var client = routed.CreateClient();
        var reads = routed.Services.GetRequiredService<StandbyReads>();

        // Each look in another sort order, so the short search-result cache cannot answer it.
        Assert.Equal(0, (await CatalogApi.ProductsAsync(client, $"?q={word}&sort=relevance")).Total);
        Assert.False(reads.Usable, "a server that is not in recovery is never read as a standby");

        reads.Usable = true;
        var fromStandby = await CatalogApi.ProductsAsync(client, $"?q={word}&sort=newest");
        Assert.Equal(1, fromStandby.Total);

        reads.Usable = false;
        Assert.Equal(0, (await CatalogApi.ProductsAsync(client, $"?q={word}&sort=price_asc")).Total);
    }
}
