using System.Net;
using System.Net.Http.Json;
using Bazaar.Inventory;
using Bazaar.Platform.Data;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Inventory;

/// <summary>
/// IInventory.SetOnHandAsync, the one way an operator changes on-hand stock: never below what
/// orders have reserved (OnHand >= Reserved >= 0), and never negative.
/// </summary>
public abstract class SetOnHandTests(ShopFactory shop)
{
    /// <summary>Orders do not exist yet, so a reservation is simulated straight in the table.</summary>
    private async Task ReserveAsync(int productId, int reserved)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShopDb>();
        var rows = await db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "StockLevels" SET "Reserved" = {reserved} WHERE "ProductId" = {productId}""");
        Assert.Equal(1, rows);
    }

    private async Task<T> WithInventoryAsync<T>(Func<IInventory, Task<T>> use)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<IInventory>());
    }

    [Fact]
    public async Task Stock_cannot_be_set_below_what_is_reserved_and_the_row_is_left_unchanged()
    {
        var product = await CreateProductAsync(shop, b => b["stock"] = 10);
        await ReserveAsync(product.Id, 6);

        var outcome = await WithInventoryAsync(i => i.SetOnHandAsync(product.Id, product.Sku, 5, CancellationToken.None));

        Assert.False(outcome.Succeeded);
        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Contains("stock", outcome.Problem.Errors!.Keys);
        var row = await WithInventoryAsync(i => i.GetAsync(product.Id, CancellationToken.None));
        Assert.Equal(new StockSnapshot(product.Id, product.Sku, 10, 6), row);
        Assert.Equal(4, (await ProductAsync(shop.Anonymous(), product.Id)).Available);
    }

    [Fact]
    public async Task Stock_may_be_set_down_to_exactly_what_is_reserved()
    {
        var product = await CreateProductAsync(shop, b => b["stock"] = 10);
        await ReserveAsync(product.Id, 6);

        var outcome = await WithInventoryAsync(i => i.SetOnHandAsync(product.Id, product.Sku, 6, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Problem?.Detail);
        Assert.Equal(new StockSnapshot(product.Id, product.Sku, 6, 6), outcome.Value);
        Assert.Equal(0, (await ProductAsync(shop.Anonymous(), product.Id)).Available);
    }

    [Fact]
    public async Task An_edit_that_sets_stock_below_reservations_changes_nothing_at_all()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody((await AisleAsync(admin)).Id, price: 30m, stock: 10);
        var product = await CreateProductAsync(admin, body);
        await ReserveAsync(product.Id, 8);
        body["stock"] = 7;
        body["price"] = 25m;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{product.Id}", body);

        await AssertFieldErrorAsync(response, "stock");
        // Product and stock commit together or not at all: the price change is rolled back too.
        var detail = await ProductAsync(shop.Anonymous(), product.Id);
        Assert.Equal(30m, detail.Price);
        Assert.Equal(2, detail.Available);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task Negative_stock_is_refused(int onHand)
    {
        var product = await CreateProductAsync(shop, b => b["stock"] = 3);

        var outcome = await WithInventoryAsync(i => i.SetOnHandAsync(product.Id, product.Sku, onHand, CancellationToken.None));

        Assert.Equal(400, outcome.Problem?.Status);
        Assert.Equal(3, (await WithInventoryAsync(i => i.GetAsync(product.Id, CancellationToken.None)))!.OnHand);
    }

    [Fact]
    public async Task Negative_stock_through_the_api_is_a_400_naming_stock()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody((await AisleAsync(admin)).Id, stock: 3);
        var product = await CreateProductAsync(admin, body);
        body["stock"] = -2;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{product.Id}", body);

        await AssertFieldErrorAsync(response, "stock");
        Assert.Equal(3, (await ProductAsync(shop.Anonymous(), product.Id)).Available);
    }

    [Fact]
    public async Task Setting_stock_for_a_product_without_a_stock_row_creates_one()
    {
        // Product ids are Catalog's; Inventory only keys its row by them, so any unused id will do.
        var id = 900_000 + Random.Shared.Next(10_000);
        var sku = NewSku("INV");

        var outcome = await WithInventoryAsync(i => i.SetOnHandAsync(id, sku, 12, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Problem?.Detail);
        Assert.Equal(new StockSnapshot(id, sku, 12, 0), await WithInventoryAsync(i => i.GetAsync(id, CancellationToken.None)));
        var available = await WithInventoryAsync(i => i.GetAvailableAsync([id, id + 1], CancellationToken.None));
        Assert.Equal(12, available[id]);
        Assert.False(available.ContainsKey(id + 1), "a product without a stock row is absent");
    }
}

public sealed class SetOnHandTests_Sqlite(SqliteShop shop) : SetOnHandTests(shop), IClassFixture<SqliteShop>;
public sealed class SetOnHandTests_Postgres(PostgresShop shop) : SetOnHandTests(shop), IClassFixture<PostgresShop>;
