using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Bazaar.Tests.Cart;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;
using static Bazaar.Tests.Catalog.ProductFiles;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// The back office's doors to import and export: POST /api/v1/admin/products/imports (the import
/// runs in the background), GET .../imports/{id} (progress, then the report), GET .../export, and
/// the /admin/products/import pages.
/// </summary>
public abstract class ProductImportApiTests(ShopFactory shop)
{
    [Fact]
    public async Task An_upload_is_accepted_at_once_imported_in_the_background_and_its_report_names_every_bad_line()
    {
        var admin = await shop.AdminAsync();
        var (good, dup) = (NewSku("API"), NewSku("API"));
        var file = Utf8(Csv(Header, Row(good), Row(dup), Row(NewSku("API"), price: "九块九"), Row(dup, price: "1.00")));

        var import = await shop.UploadAndWaitAsync(admin, file);

        Assert.Equal(("done", 100, "products.csv"), (import.State, import.Percent, import.FileName));
        Assert.Equal((4, 2, 0, 2), (import.Rows, import.Created, import.Updated, import.Rejected));
        Assert.Equal([4, 5], import.RejectedRows!.Select(r => r.Line));
        Assert.Contains("Price '九块九' is not a number", import.RejectedRows![0].Reason);
        Assert.Contains("already on line 3", import.RejectedRows[1].Reason);
        Assert.Equal(88.50m, (await shop.ProductAsync(good))!.Price);
    }

    [Fact]
    public async Task A_finished_import_keeps_no_copy_of_its_file_and_is_forgotten_a_day_later()
    {
        var admin = await shop.AdminAsync();
        var import = await shop.UploadAndWaitAsync(admin, Utf8(Csv(Header, Row(NewSku("DAY")))));
        Assert.Equal("done", import.State);
        Assert.False(await shop.ImportFileKeptAsync(import.Id));

        shop.Clock.Advance(Bazaar.Catalog.ProductImportQueue.KeepFinished + TimeSpan.FromMinutes(1));
        admin = await shop.AdminAsync();
        await shop.UploadAndWaitAsync(admin, Utf8(Csv(Header, Row(NewSku("DAY")))));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/products/imports/{import.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_file_is_a_400_at_once_and_nothing_is_queued_or_written()
    {
        var admin = await shop.AdminAsync();
        var before = await shop.ProductCountAsync();

        var noPrice = await admin.PostAsync("/api/v1/admin/products/imports", Upload(Utf8(Csv("sku,nameZh,nameEn,category", $"{NewSku()},名,Name,tea"))));
        var notCsv = await admin.PostAsync("/api/v1/admin/products/imports", Upload(Utf8(Csv(Header, Row(NewSku()))), "products.xlsx"));
        var noFile = await admin.PostAsync("/api/v1/admin/products/imports", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        var json = await admin.PostAsJsonAsync("/api/v1/admin/products/imports", new { file = "sku,price" });

        Assert.Contains("no price column", (await AssertFieldErrorAsync(noPrice, "file"))[0]);
        Assert.Contains("Only CSV files", (await AssertFieldErrorAsync(notCsv, "file"))[0]);
        Assert.Contains("Choose a CSV file", (await AssertFieldErrorAsync(noFile, "file"))[0]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await shop.ProductCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/products/imports/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Customers_get_403_and_strangers_401_on_import_and_export()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var stranger = shop.Anonymous();
        var file = Utf8(Csv(Header, Row(NewSku("API"))));

        foreach (var (client, status) in new[] { (customer, HttpStatusCode.Forbidden), (stranger, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, (await client.PostAsync("/api/v1/admin/products/imports", Upload(file))).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"/api/v1/admin/products/imports/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(status, (await client.GetAsync("/api/v1/admin/products/export")).StatusCode);
        }
    }

    [Fact]
    public async Task The_export_is_a_CSV_download_that_imports_back_unchanged()
    {
        var admin = await shop.AdminAsync();
        var made = await CreateProductAsync(shop, b => (b["nameZh"], b["stock"]) = ("导出 测试，含逗号", 13));

        var response = await admin.GetAsync("/api/v1/admin/products/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var file = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(file);
        Assert.Contains($"{made.Sku},导出 测试，含逗号,", text); // a full-width comma needs no quotes
        Assert.Contains(",13,true\r\n", text);
        var count = await shop.ProductCountAsync();
        var import = await shop.UploadAndWaitAsync(admin, file);
        Assert.Equal((count, 0, 0, count, 0), (import.Rows, import.Created, import.Updated, import.Unchanged, import.Rejected));
    }

    [Fact]
    public async Task The_back_office_page_uploads_a_file_then_shows_the_progress_bar_and_the_report()
    {
        var browser = shop.Guest();
        await shop.SignInAdminOnPageAsync(browser);
        Assert.Contains("href=\"/admin/products/import\"", await (await browser.GetAsync("/admin/products")).Content.ReadAsStringAsync());
        var form = await (await browser.GetAsync("/admin/products/import")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        Assert.NotEmpty(token);
        var sku = NewSku("PAGE");
        var upload = (MultipartFormDataContent)Upload(Utf8(Csv(Header, Row(sku), Row(NewSku("PAGE"), category: "nowhere"))));
        upload.Add(new StringContent(token), "__RequestVerificationToken");

        var posted = await browser.PostAsync("/admin/products/import", upload);

        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, await Describe(posted));
        var location = posted.Headers.Location!.OriginalString;
        Assert.Matches("^/admin/products/import/[0-9a-f-]{36}$", location);
        await shop.ImportFinishedAsync(Guid.Parse(location[^36..]));
        var page = await (await browser.GetAsync(location)).Content.ReadAsStringAsync();
        Assert.Contains("<progress max=\"100\" value=\"100\"", page);
        Assert.Matches("data-testid=\"created\">1<", page);
        Assert.Matches("<tr data-testid=\"rejected-row\"><td>3</td>", page);
        Assert.Contains("There is no category &#x27;nowhere&#x27;", page);
        Assert.NotNull(await shop.ProductAsync(sku));

        var script = await browser.GetAsync("/js/product-import.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/api/v1/admin/products/imports/", await script.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_shows_why_a_file_is_refused()
    {
        var browser = shop.Guest();
        await shop.SignInAdminOnPageAsync(browser);
        var form = await (await browser.GetAsync("/admin/products/import")).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        var upload = (MultipartFormDataContent)Upload(Utf8(Csv("sku,nameZh", "A,B")));
        upload.Add(new StringContent(token), "__RequestVerificationToken");

        var posted = await browser.PostAsync("/admin/products/import", upload);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("no nameEn, price, category columns", await posted.Content.ReadAsStringAsync());
    }
}

public sealed class ProductImportApiTests_Sqlite(SqliteShop shop) : ProductImportApiTests(shop), IClassFixture<SqliteShop>;
public sealed class ProductImportApiTests_Postgres(PostgresShop shop) : ProductImportApiTests(shop), IClassFixture<PostgresShop>;
