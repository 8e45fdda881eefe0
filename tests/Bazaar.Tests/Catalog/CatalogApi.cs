using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// The catalog API as a client sees it: the JSON shapes it answers with and the few calls most
/// tests need. Shapes are declared here rather than reusing the app's records, so a renamed or
/// dropped field breaks a test instead of silently following the server.
/// </summary>
public static class CatalogApi
{
    public sealed record Item(int Id, string Sku, string Name, decimal Price, string Currency, int Available, string ImageUrl);
    public sealed record ProductPage(List<Item> Items, int Total, int Page, int PageSize);
    public sealed record Category(int Id, int? ParentId, string Slug, string Name, string NameZh, string NameEn, List<Category> Children);
    public sealed record Detail(int Id, string Sku, string Name, string Description, decimal Price, string Currency,
        int Available, string ImageUrl, int CategoryId, string CategoryName, string NameZh, string NameEn, bool IsPublished);
    public sealed record Created(int Id, string Sku);

    public static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    public static async Task<ProductPage> ProductsAsync(HttpClient client, string query = "", string? language = null)
    {
        var response = await GetAsync(client, "/api/v1/products" + query, language);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProductPage>())!;
    }

    public static async Task<List<Category>> CategoriesAsync(HttpClient client, string? language = null)
    {
        var response = await GetAsync(client, "/api/v1/categories", language);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<Category>>())!;
    }

    public static async Task<Detail> ProductAsync(HttpClient client, int id, string? language = null)
    {
        var response = await GetAsync(client, $"/api/v1/products/{id}", language);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Detail>())!;
    }

    /// <summary>An aisle of the seeded demo catalog (a leaf, so products may be filed under it).</summary>
    public static async Task<Category> AisleAsync(HttpClient client, string slug = "tea") =>
        (await CategoriesAsync(client)).SelectMany(d => d.Children).Single(c => c.Slug == slug);

    public static string NewSku(string prefix = "T") => $"{prefix}-{Guid.NewGuid().ToString("N")[..12].ToUpperInvariant()}";

    /// <summary>A valid create/update body; tests override the one field they are about.</summary>
    public static Dictionary<string, object?> ProductBody(int categoryId, string? sku = null, decimal price = 88.50m,
        int? stock = 7, bool published = true) => new()
    {
        ["sku"] = sku ?? NewSku(),
        ["nameZh"] = "测试 保温杯",
        ["nameEn"] = "Test Vacuum Flask",
        ["descriptionZh"] = "不锈钢保温杯，测试用。",
        ["descriptionEn"] = "Stainless steel flask, for tests.",
        ["price"] = price,
        ["categoryId"] = categoryId,
        ["isPublished"] = published,
        ["stock"] = stock,
    };

    public static async Task<Created> CreateProductAsync(HttpClient admin, Dictionary<string, object?> body)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/admin/products", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<Created>())!;
    }

    public static async Task<Created> CreateProductAsync(ShopFactory shop, Action<Dictionary<string, object?>>? change = null,
        string aisle = "bedding")
    {
        var admin = await shop.AdminAsync();
        var body = ProductBody((await AisleAsync(admin, aisle)).Id);
        change?.Invoke(body);
        return await CreateProductAsync(admin, body);
    }

    /// <summary>Asserts a 400 ProblemDetails whose errors name the field; returns the field's messages.</summary>
    public static async Task<string[]> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        Assert.True(body.RootElement.TryGetProperty("errors", out var errors), $"no field errors in {text}");
        var match = errors.EnumerateObject().FirstOrDefault(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(match.Value.ValueKind == JsonValueKind.Array, $"no error for '{field}' in {text}");
        var messages = match.Value.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(messages);
        return messages;
    }

    public static async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
}
