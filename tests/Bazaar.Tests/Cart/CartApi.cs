using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Cart;

/// <summary>
/// The cart API as a shopper's client sees it. Shapes are declared here rather than reusing the
/// app's records, so a renamed or dropped field breaks a test instead of silently following the server.
/// </summary>
public static class CartApi
{
    public sealed record Line(int ProductId, string Sku, string Name, decimal UnitPrice, int Quantity, decimal LineTotal,
        int Available, string ImageUrl, string? Problem);

    public sealed record CartBody(List<Line> Lines, decimal Subtotal, string Currency, int ItemCount, bool CanCheckOut)
    {
        public Line? Find(int productId) => Lines.SingleOrDefault(l => l.ProductId == productId);
        public int QuantityOf(int productId) => Find(productId)?.Quantity ?? 0;
    }

    /// <summary>A product made through the admin API, with the body it was made from (to PUT changes).</summary>
    public sealed record TestProduct(int Id, string Sku, string NameEn, Dictionary<string, object?> Body);

    public const string Password = "password-123";

    /// <summary>A browser without an account: no redirects followed, cookies kept between requests.</summary>
    public static HttpClient Guest(this ShopFactory shop) =>
        shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A shopper for theories run both ways: "guest" (cookie) or "customer" (bearer token).</summary>
    public static async Task<HttpClient> ShopperAsync(this ShopFactory shop, string who) =>
        who == "guest" ? shop.Guest() : (await shop.NewCustomerAsync()).Client;

    /// <summary>A client that sends exactly the cookie header it is given and keeps nothing.</summary>
    public static HttpClient WithCookie(this ShopFactory shop, string cookie)
    {
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    public static async Task<TestProduct> NewCartProductAsync(this ShopFactory shop, int stock = 20, decimal price = 50m,
        bool published = true)
    {
        var admin = await shop.AdminAsync();
        var sku = NewSku("C");
        var body = ProductBody((await AisleAsync(admin, "bedding")).Id, sku, price, stock, published);
        body["nameEn"] = "Cart test " + sku;
        body["nameZh"] = "购物车测试 " + sku;
        var created = await CreateProductAsync(admin, body);
        return new TestProduct(created.Id, sku, (string)body["nameEn"]!, body);
    }

    /// <summary>Changes a product in the back office (price, stock, published) with PUT /api/v1/admin/products/{id}.</summary>
    public static async Task EditAsync(this ShopFactory shop, TestProduct product, Action<Dictionary<string, object?>> change)
    {
        var admin = await shop.AdminAsync();
        change(product.Body);
        var response = await admin.PutAsJsonAsync($"/api/v1/admin/products/{product.Id}", product.Body);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await Describe(response));
    }

    public static async Task UnpublishAsync(this ShopFactory shop, int productId)
    {
        var admin = await shop.AdminAsync();
        var response = await admin.PostAsync($"/api/v1/admin/products/{productId}/unpublish", null);
        Assert.True(response.IsSuccessStatusCode, await Describe(response));
    }

    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/cart/items", body);

    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, int productId, int quantity) =>
        client.AddAsync(new { productId, quantity });

    public static Task<HttpResponseMessage> SetAsync(this HttpClient client, int productId, object body) =>
        client.PutAsJsonAsync($"/api/v1/cart/items/{productId}", body);

    public static Task<HttpResponseMessage> RemoveAsync(this HttpClient client, int productId) =>
        client.DeleteAsync($"/api/v1/cart/items/{productId}");

    /// <summary>Adds and insists it worked; returns the cart the answer shows.</summary>
    public static async Task<CartBody> AddOkAsync(this HttpClient client, int productId, int quantity) =>
        await OkCartAsync(await client.AddAsync(productId, quantity));

    public static async Task<CartBody> CartAsync(this HttpClient client, string language = "en")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cart");
        request.Headers.AcceptLanguage.ParseAdd(language);
        return await OkCartAsync(await client.SendAsync(request));
    }

    public static async Task<CartBody> OkCartAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await Describe(response));
        return (await response.Content.ReadFromJsonAsync<CartBody>())!;
    }

    /// <summary>The value a Set-Cookie header gives the guest cart cookie, or null when there is none.</summary>
    public static string? GuestCookieSet(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => Regex.Match(v, "^bazaar\\.cart=([^;]*)")).Where(m => m.Success)
                .Select(m => m.Groups[1].Value).LastOrDefault()
            : null;

    /// <summary>
    /// Signs in through the sign-in page as a browser does: the form (and its antiforgery cookie)
    /// first, then the posted fields, with the same cookie-keeping client. Returns the POST's answer.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInOnPageAsync(this HttpClient browser, string login, string password)
    {
        var form = await browser.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        var input = Regex.Match(html, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>");
        Assert.True(input.Success, "the sign-in form carries an antiforgery token");
        var token = Regex.Match(input.Value, "value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = login, ["Input.Password"] = password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await Describe(response));
        return response;
    }
}
