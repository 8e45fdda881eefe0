using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;

namespace Bazaar.Tests.Security;

/// <summary>
/// The payloads of <see cref="XssPayloads"/>, typed by operators and customers into every free-text field
/// the shop keeps (product names and descriptions, category names, addresses, search terms, user names),
/// come back on every page that shows them as text: never as markup, never as an event handler or a
/// javascript: URL, in attributes and textareas too; as data in JSON; and every page does show them, so a
/// page that dropped the text could not pass for one that encoded it. Output encoding does not depend on
/// the database, so SQLite alone. The shop has no rich text (no HTML or Markdown field) to sanitise.
/// </summary>
public sealed class CrossSiteScriptingTests(PayloadShop scene) : IClassFixture<PayloadShop>
{
    private readonly List<string> _failures = [];

    private async Task<string> VisitAsync(HttpClient client, string url, params IEnumerable<string>[] mustShow)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _failures.Add($"{url} → {(int)response.StatusCode}");
            return body;
        }
        Inspect(url, body, mustShow.SelectMany(s => s));
        return body;
    }

    private void Inspect(string what, string html, IEnumerable<string> mustShow)
    {
        foreach (var payload in XssPayloads.Everything.Where(XssPayloads.IsMarkup))
            if (html.Contains(payload, StringComparison.Ordinal))
                _failures.Add($"{what}: raw {payload}: {XssPayloads.Around(html, html.IndexOf(payload, StringComparison.Ordinal))}");
        foreach (var injected in XssPayloads.InjectedMarkup(html))
            _failures.Add($"{what}: {injected}");
        var text = WebUtility.HtmlDecode(html);
        foreach (var shown in mustShow.Where(s => !text.Contains(s, StringComparison.Ordinal)))
            _failures.Add($"{what}: does not show {shown}");
    }

    private void AssertNoFailures() =>
        Assert.True(_failures.Count == 0, $"{_failures.Count} places let markup through:\n  " + string.Join("\n  ", _failures.Take(80)));

    [Fact]
    public void The_inspection_finds_each_payload_when_a_page_lets_it_through_raw()
    {
        foreach (var payload in XssPayloads.Everything.Where(XssPayloads.IsMarkup))
        {
            var raw = $"<p>{payload}</p><input value=\"{payload}\" /><textarea>{payload}</textarea>";
            var encoded = $"<p>{WebUtility.HtmlEncode(payload)}</p><input value=\"{WebUtility.HtmlEncode(payload)}\" />";
            Inspect("raw", raw, [payload]);
            Assert.NotEmpty(_failures);
            _failures.Clear();
            Inspect("encoded", encoded, [payload]);
            Assert.Empty(_failures);
        }
        Assert.NotEmpty(XssPayloads.InjectedMarkup("<a href=\" javascript:alert(1)\">x</a>"));
        Assert.NotEmpty(XssPayloads.InjectedMarkup("<input value=\"\" onfocus=\"alert(1)\">"));
        Assert.Empty(XssPayloads.InjectedMarkup("<input value=\"&quot; onfocus=&quot;alert(1)\">"));
    }

    private IEnumerable<string> Names => scene.Products.Select(p => PayloadShop.NameEn(p.Payload));

    [Fact]
    public async Task Storefront_pages_show_names_descriptions_and_categories_as_text()
    {
        var stranger = scene.Shop.Anonymous();
        var department = new[] { XssPayloads.All[0] }; // the department's English name: in every page's menu
        await VisitAsync(stranger, "/", department);
        await VisitAsync(stranger, $"/categories/{scene.DepartmentId}", department);
        foreach (var (payload, aisle, product) in scene.Products)
        {
            await VisitAsync(stranger, $"/categories/{aisle}", [PayloadShop.NameEn(payload)]);
            await VisitAsync(stranger, $"/products/{product}", [PayloadShop.NameEn(payload), PayloadShop.NameZh(payload), payload]);
            await VisitAsync(stranger, $"/cart/add?productId={product}&quantity=1", [PayloadShop.NameEn(payload)]);
        }
        await VisitAsync(stranger, "/search?q=gadget&pageSize=48");
        await VisitAsync(stranger, "/flash-sales", [PayloadShop.NameEn(scene.Products[0].Payload)]);
        AssertNoFailures();
    }

    [Fact]
    public async Task A_search_term_comes_back_in_the_search_box_and_the_page_as_text()
    {
        var stranger = scene.Shop.Anonymous();
        foreach (var payload in XssPayloads.Everything)
        {
            var html = await VisitAsync(stranger, "/search?q=" + Uri.EscapeDataString(payload), [payload]);
            var box = Regex.Match(html, "<input type=\"search\" name=\"q\" value=\"([^\"]*)\"");
            Assert.True(box.Success, $"no search box holding the term for {payload}");
            Assert.Equal(payload, WebUtility.HtmlDecode(box.Groups[1].Value));
        }
        AssertNoFailures();
    }

    [Fact]
    public async Task A_customers_cart_checkout_orders_and_addresses_show_what_was_typed_as_text()
    {
        var pages = scene.CustomerPages;
        await VisitAsync(pages, "/cart", Names);
        await VisitAsync(pages, "/checkout", Names, scene.Addresses.Select(a => a.Street));
        await VisitAsync(pages, "/orders");
        await VisitAsync(pages, $"/orders/{scene.OrderId}", Names, [scene.Addresses[1].Street, scene.Addresses[1].Recipient]);
        await VisitAsync(pages, "/account", scene.Addresses.Select(a => a.Street), scene.Addresses.Select(a => a.Recipient));
        foreach (var address in scene.Addresses)
            await VisitAsync(pages, $"/account/addresses/edit/{address.Id}", [address.Street, address.Recipient]);
        AssertNoFailures();
    }

    [Fact]
    public async Task Back_office_lists_details_and_forms_show_what_was_typed_as_text()
    {
        var pages = scene.AdminPages;
        await VisitAsync(pages, "/admin/products?q=gadget");
        await VisitAsync(pages, "/admin/categories", scene.Products.Select(p => PayloadShop.Fit(p.Payload, 50, "过道")));
        foreach (var (payload, aisle, product) in scene.Products)
        {
            // The edit form puts the names in value="" and the descriptions between <textarea> tags.
            await VisitAsync(pages, $"/admin/products/edit/{product}", [PayloadShop.NameEn(payload), PayloadShop.NameZh(payload), payload]);
            await VisitAsync(pages, $"/admin/categories/edit/{aisle}", [PayloadShop.Fit(payload, 80, "Aisle")]);
            await VisitAsync(pages, $"/admin/products/{product}/stock", [PayloadShop.NameEn(payload)]);
            await VisitAsync(pages, $"/admin/products/{product}/photos");
        }
        await VisitAsync(pages, "/admin/orders");
        await VisitAsync(pages, $"/admin/orders/{scene.OrderId}", Names, [scene.Addresses[1].Street, scene.Addresses[1].Recipient]);
        await VisitAsync(pages, $"/admin/orders/{scene.OrderId}/packing-slip", Names, [scene.Addresses[1].Street]);
        await VisitAsync(pages, $"/admin/customers/{scene.CustomerId}");
        await VisitAsync(pages, "/admin/customers");
        await VisitAsync(pages, "/admin/flash-sales", [PayloadShop.NameEn(scene.Products[0].Payload)]);
        await VisitAsync(pages, "/admin/notifications");
        await VisitAsync(pages, "/admin/audit");
        AssertNoFailures();
    }

    [Fact]
    public async Task The_dashboards_chart_data_cannot_close_its_script_block_and_reads_back_as_the_apis()
    {
        var html = await VisitAsync(scene.AdminPages, "/admin");
        AssertNoFailures();
        var block = Regex.Match(html, "<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(block.Success, "the dashboard embeds its figures");
        Assert.DoesNotContain("<", block.Groups[1].Value);
        Assert.DoesNotContain("\u2028", block.Groups[1].Value);
        var embedded = JsonDocument.Parse(block.Groups[1].Value).RootElement.GetProperty("topProducts");
        var api = (await scene.Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/dashboard")).GetProperty("topProducts");
        var names = embedded.EnumerateArray().Select(p => p.GetProperty("nameEn").GetString()).ToList();
        Assert.Equal(api.EnumerateArray().Select(p => p.GetProperty("nameEn").GetString()), names);
        Assert.Contains(names, n => Names.Contains(n));
    }

    [Fact]
    public async Task The_generated_product_picture_is_well_formed_svg_with_the_names_as_text()
    {
        foreach (var (payload, _, product) in scene.Products)
        {
            var response = await scene.Shop.Anonymous().GetAsync($"/products/{product}/image.svg");
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
            var elements = svg.Descendants().Select(e => e.Name.LocalName).Distinct().ToList();
            Assert.All(elements, name => Assert.Contains(name, new[] { "svg", "defs", "linearGradient", "stop", "rect", "circle", "text" }));
            Assert.DoesNotContain(svg.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
            Assert.Contains(texts, t => PayloadShop.NameEn(payload).StartsWith(t.TrimEnd('…'), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_json_api_gives_the_text_back_as_data()
    {
        var stranger = scene.Shop.Anonymous();
        foreach (var (payload, aisle, product) in scene.Products)
        {
            var detail = await JsonAsync(stranger, $"/api/v1/products/{product}");
            Assert.Equal(PayloadShop.NameEn(payload), detail.GetProperty("nameEn").GetString());
            Assert.Equal(PayloadShop.NameZh(payload), detail.GetProperty("nameZh").GetString());
            Assert.Equal(payload, detail.GetProperty("description").GetString());
        }
        var search = await JsonAsync(stranger, "/api/v1/products?q=" + Uri.EscapeDataString(XssPayloads.All[0]));
        Assert.Equal(JsonValueKind.Array, search.GetProperty("items").ValueKind);
        var categories = (await JsonAsync(stranger, "/api/v1/categories")).EnumerateArray()
            .Single(d => d.GetProperty("id").GetInt32() == scene.DepartmentId);
        Assert.Equal(XssPayloads.All[0], categories.GetProperty("nameEn").GetString());
        Assert.Equal(XssPayloads.All[1], categories.GetProperty("nameZh").GetString());

        var cart = await JsonAsync(scene.Customer, "/api/v1/cart");
        Assert.Equal(Names.Order(), cart.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("name").GetString()).Order());
        var book = await JsonAsync(scene.Customer, "/api/v1/accounts/me/addresses");
        Assert.Equal(scene.Addresses.Select(a => a.Street).Order(), book.EnumerateArray().Select(a => a.GetProperty("street").GetString()).Order());
        var order = await JsonAsync(scene.Customer, $"/api/v1/orders/{scene.OrderId}");
        Assert.Contains(Strings(order), v => v.Contains(scene.Addresses[1].Street, StringComparison.Ordinal));
        await JsonAsync(scene.Admin, $"/api/v1/admin/orders/{scene.OrderId}");
        await JsonAsync(scene.Admin, "/api/v1/admin/dashboard");

        // A refused value echoed in a problem is data too.
        var refused = await stranger.PostAsJsonAsync("/api/v1/accounts/register", new { userName = XssPayloads.All[1], phoneNumber = "x", password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", refused.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} → {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Forms_that_give_a_refused_value_back_show_it_as_text_in_the_field()
    {
        var register = PageBrowser.Open(scene.Shop, "en");
        foreach (var payload in XssPayloads.All)
        {
            var registered = await register.PostFormAsync("/account/register", "/account/register", new()
            {
                ["Input.UserName"] = payload, ["Input.PhoneNumber"] = "13900139000", ["Input.Password"] = "short",
            });
            Inspect($"POST /account/register {payload}", await registered.Content.ReadAsStringAsync(), [payload]);

            var signIn = await register.PostFormAsync("/account/login", "/account/login?returnUrl=" + Uri.EscapeDataString(payload), new()
            {
                ["Input.Login"] = payload, ["Input.Password"] = "wrong-password",
            });
            Inspect($"POST /account/login {payload}", await signIn.Content.ReadAsStringAsync(), [payload]);
        }
        foreach (var payload in XssPayloads.Everything)
        {
            var saved = await PostAsync(scene.CustomerPages, "/account/addresses/edit", new()
            {
                ["Input.Recipient"] = PayloadShop.Fit(payload, 50, "王芳"), ["Input.Phone"] = "13800138000", ["Input.Province"] = payload,
                ["Input.City"] = payload, ["Input.District"] = payload, ["Input.Street"] = payload, ["Input.Postcode"] = "not-six",
            });
            Inspect($"POST /account/addresses/edit {payload}", saved, [payload]);

            var edited = await PostAsync(scene.AdminPages, $"/admin/products/edit/{scene.Products[0].ProductId}", new()
            {
                ["Input.Sku"] = "XSS-FORM", ["Input.NameZh"] = payload, ["Input.NameEn"] = payload, ["Input.DescriptionZh"] = payload,
                ["Input.DescriptionEn"] = payload, ["Input.Price"] = payload, ["Input.CategoryId"] = scene.Products[0].AisleId.ToString(),
                ["Input.Stock"] = "1",
            });
            Inspect($"POST /admin/products/edit {payload}", edited, [payload]);
        }
        AssertNoFailures();
    }

    /// <summary>A form post with the page's own token, expecting the form back with its messages.</summary>
    private static async Task<string> PostAsync(HttpClient browser, string page, Dictionary<string, string> fields)
    {
        var form = await browser.GetStringAsync(page);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(
            Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        var response = await browser.PostAsync(page, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} → {(int)response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task Redirects_go_to_local_paths_only_and_never_carry_a_script_url()
    {
        var stranger = scene.Shop.Anonymous();
        foreach (var target in new[] { "javascript:alert(1)", "//evil.example/x", "/\\evil.example", "https://evil.example", " javascript:alert(1)" })
        {
            var language = await stranger.GetAsync("/language?lang=en&returnUrl=" + Uri.EscapeDataString(target));
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
            Assert.Equal("/", language.Headers.Location?.OriginalString);
        }
        foreach (var payload in XssPayloads.All)
        {
            var language = await stranger.GetAsync("/language?lang=en&returnUrl=" + Uri.EscapeDataString("/search?q=" + payload));
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
            var location = language.Headers.Location!.OriginalString;
            Assert.StartsWith("/search?q=", location);
            Assert.DoesNotContain('\n', location);
            // Following it lands on the search page, which shows the term as text.
            await VisitAsync(stranger, location, [payload]);
        }
        AssertNoFailures();
    }

    [Fact]
    public async Task The_sandbox_pages_show_the_parcels_address_and_the_texts_as_text()
    {
        await VisitAsync(scene.Shop.Anonymous(), "/sandbox/carrier", [scene.Addresses[1].Recipient]);
        await VisitAsync(scene.Shop.Anonymous(), "/sandbox/sms");
        AssertNoFailures();
    }
}
