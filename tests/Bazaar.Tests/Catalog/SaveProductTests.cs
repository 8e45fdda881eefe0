using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>The back office API: POST/PUT /api/v1/admin/products and POST {id}/unpublish.</summary>
public abstract class SaveProductTests(ShopFactory shop)
{
    private async Task<int> AisleIdAsync() => (await AisleAsync(shop.Anonymous(), "kitchenware")).Id;

    public static TheoryData<string, string> AdminCalls => new()
    {
        { "POST", "/api/v1/admin/products" },
        { "PUT", "/api/v1/admin/products/1" },
        { "POST", "/api/v1/admin/products/1/unpublish" },
        { "POST", "/api/v1/admin/products/1/publish" },
    };

    private async Task<HttpResponseMessage> CallAsync(HttpClient client, string method, string url) =>
        await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = url.EndsWith("publish") ? null : JsonContent.Create(ProductBody(await AisleIdAsync())),
        });

    [Theory, MemberData(nameof(AdminCalls))]
    public async Task An_anonymous_caller_gets_401(string method, string url)
    {
        var response = await CallAsync(shop.Anonymous(), method, url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, MemberData(nameof(AdminCalls))]
    public async Task A_customer_gets_403(string method, string url)
    {
        var (customer, _, _) = await shop.NewCustomerAsync();

        var response = await CallAsync(customer, method, url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_product_that_shoppers_then_find_with_its_stock()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody(await AisleIdAsync(), price: 129.90m, stock: 42);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/products", body);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        var created = (await response.Content.ReadFromJsonAsync<Created>())!;
        Assert.Equal($"/api/v1/products/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(body["sku"], created.Sku);
        var detail = await ProductAsync(shop.Anonymous(), created.Id, "en");
        Assert.Equal(129.90m, detail.Price);
        Assert.Equal(42, detail.Available);
        Assert.Equal("Test Vacuum Flask", detail.Name);
        var listed = Assert.Single((await ProductsAsync(shop.Anonymous(), "?q=" + created.Sku)).Items);
        Assert.Equal(42, listed.Available);
    }

    [Fact]
    public async Task An_edited_price_and_stock_show_on_the_storefront()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody(await AisleIdAsync(), price: 50m, stock: 5);
        var created = await CreateProductAsync(admin, body);
        body["price"] = 45.60m;
        body["stock"] = 17;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{created.Id}", body);

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await Describe(response));
        var detail = await ProductAsync(shop.Anonymous(), created.Id);
        Assert.Equal(45.60m, detail.Price);
        Assert.Equal(17, detail.Available);
        var listed = Assert.Single((await ProductsAsync(shop.Anonymous(), "?q=" + created.Sku)).Items);
        Assert.Equal(45.60m, listed.Price);
    }

    [Fact]
    public async Task An_edit_without_stock_leaves_the_stock_alone()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody(await AisleIdAsync(), stock: 9);
        var created = await CreateProductAsync(admin, body);
        body["stock"] = null;
        body["nameEn"] = "Renamed Flask";

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{created.Id}", body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var detail = await ProductAsync(shop.Anonymous(), created.Id, "en");
        Assert.Equal("Renamed Flask", detail.Name);
        Assert.Equal(9, detail.Available);
    }

    [Fact]
    public async Task A_sku_given_up_by_one_product_can_be_used_by_a_new_one()
    {
        var admin = await shop.AdminAsync();
        var first = ProductBody(await AisleIdAsync(), stock: 3);
        var oldSku = (string)first["sku"]!;
        var created = await CreateProductAsync(admin, first);
        first["sku"] = NewSku();
        first["stock"] = null;
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/admin/products/{created.Id}", first)).StatusCode);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/products", ProductBody(await AisleIdAsync(), sku: oldSku, stock: 4));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        var reused = (await response.Content.ReadFromJsonAsync<Created>())!;
        Assert.Equal(4, (await ProductAsync(shop.Anonymous(), reused.Id)).Available);
        Assert.Equal(3, (await ProductAsync(shop.Anonymous(), created.Id)).Available);
    }

    public static TheoryData<string, object?, string> InvalidFields => new()
    {
        { "price", 0m, "price" },
        { "price", -5m, "price" },
        { "price", 12.345m, "price" },
        { "price", null, "price" },
        { "nameZh", null, "nameZh" },
        { "nameZh", "   ", "nameZh" },
        { "nameEn", "", "nameEn" },
        { "sku", "", "sku" },
        { "sku", "has space", "sku" },
        { "categoryId", 987654, "categoryId" },
        { "categoryId", null, "categoryId" },
        { "stock", -1, "stock" },
    };

    [Theory, MemberData(nameof(InvalidFields))]
    public async Task Invalid_input_is_a_400_naming_the_field_and_creates_nothing(string field, object? value, string errorField)
    {
        var admin = await shop.AdminAsync();
        var before = (await ProductsAsync(admin, "?pageSize=1")).Total;
        var body = ProductBody(await AisleIdAsync());
        body[field] = value;

        var response = await admin.PostAsJsonAsync("/api/v1/admin/products", body);

        await AssertFieldErrorAsync(response, errorField);
        Assert.Equal(before, (await ProductsAsync(admin, "?pageSize=1")).Total);
    }

    [Fact]
    public async Task Invalid_input_on_an_edit_is_a_400_and_changes_nothing()
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody(await AisleIdAsync(), price: 20m);
        var created = await CreateProductAsync(admin, body);
        body["price"] = 19.999m;
        body["nameEn"] = "Should Not Stick";

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{created.Id}", body);

        await AssertFieldErrorAsync(response, "price");
        var detail = await ProductAsync(shop.Anonymous(), created.Id, "en");
        Assert.Equal(20m, detail.Price);
        Assert.Equal("Test Vacuum Flask", detail.Name);
    }

    [Fact]
    public async Task A_duplicate_sku_is_a_400_naming_sku()
    {
        var admin = await shop.AdminAsync();
        var created = await CreateProductAsync(admin, ProductBody(await AisleIdAsync()));

        var again = await admin.PostAsJsonAsync("/api/v1/admin/products", ProductBody(await AisleIdAsync(), sku: created.Sku));
        var seeded = await admin.PostAsJsonAsync("/api/v1/admin/products", ProductBody(await AisleIdAsync(), sku: "BZ-TEA-0017"));

        await AssertFieldErrorAsync(again, "sku");
        await AssertFieldErrorAsync(seeded, "sku");
    }

    [Fact]
    public async Task Taking_another_products_sku_on_an_edit_is_a_400()
    {
        var admin = await shop.AdminAsync();
        var a = await CreateProductAsync(admin, ProductBody(await AisleIdAsync()));
        var bBody = ProductBody(await AisleIdAsync());
        var b = await CreateProductAsync(admin, bBody);
        bBody["sku"] = a.Sku;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{b.Id}", bBody);

        await AssertFieldErrorAsync(response, "sku");
        Assert.Equal(b.Sku, (await ProductAsync(shop.Anonymous(), b.Id)).Sku);
    }

    [Fact]
    public async Task Editing_or_unpublishing_an_unknown_product_is_a_404()
    {
        var admin = await shop.AdminAsync();

        var put = await admin.PutAsJsonAsync("/api/v1/admin/products/987654", ProductBody(await AisleIdAsync()));
        var unpublish = await admin.PostAsync("/api/v1/admin/products/987654/unpublish", null);

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublish.StatusCode);
    }

    [Fact]
    public async Task Unpublish_then_publish_takes_a_product_off_the_storefront_and_back()
    {
        var admin = await shop.AdminAsync();
        var created = await CreateProductAsync(admin, ProductBody(await AisleIdAsync()));
        var shopper = shop.Anonymous();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{created.Id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/api/v1/products/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/products/{created.Id}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await shopper.GetAsync($"/api/v1/products/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var admin = await shop.AdminAsync();

        var response = await admin.PostAsync("/api/v1/admin/products",
            new StringContent("{\"sku\": \"X\", \"price\": \"cheap\"", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await Describe(response));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SaveProductTests_Sqlite(SqliteShop shop) : SaveProductTests(shop), IClassFixture<SqliteShop>;
public sealed class SaveProductTests_Postgres(PostgresShop shop) : SaveProductTests(shop), IClassFixture<PostgresShop>;
