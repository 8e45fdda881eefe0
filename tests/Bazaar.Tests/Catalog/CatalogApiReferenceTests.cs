using System.Net;
using System.Text.Json;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bazaar.Tests.Catalog;

/// <summary>The API is documented: an OpenAPI document and a browsable reference.</summary>
public abstract class CatalogApiReferenceTests(ShopFactory shop)
{
    [Fact]
    public async Task The_openapi_document_lists_the_catalog_and_account_routes()
    {
        var response = await shop.Anonymous().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/products", paths);
        Assert.Contains("/api/v1/products/{id}", paths);
        Assert.Contains("/api/v1/categories", paths);
        Assert.Contains("/api/v1/accounts/register", paths);
        var list = json.RootElement.GetProperty("paths").GetProperty("/api/v1/products").GetProperty("get");
        var parameters = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["category", "maxPrice", "minPrice", "page", "pageSize", "q", "sort"], parameters.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task The_docs_page_answers_with_html()
    {
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class CatalogApiReferenceTests_Sqlite(SqliteShop shop) : CatalogApiReferenceTests(shop), IClassFixture<SqliteShop>;
public sealed class CatalogApiReferenceTests_Postgres(PostgresShop shop) : CatalogApiReferenceTests(shop), IClassFixture<PostgresShop>;
