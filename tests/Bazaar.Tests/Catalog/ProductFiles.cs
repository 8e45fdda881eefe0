using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Bazaar.Catalog;
using Bazaar.Platform.Data;
using Bazaar.Platform.Web;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Tests.Catalog;

/// <summary>Product CSV files for the import tests, and the two ways in: the handler itself and the admin API.</summary>
public static class ProductFiles
{
    public const string Header = "sku,nameZh,nameEn,descriptionZh,descriptionEn,price,category,stock,published";

    /// <summary>A file from lines (header included), CRLF as spreadsheets write it.</summary>
    public static string Csv(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    public static byte[] Utf8(string csv, bool bom = true) =>
        (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(csv)).ToArray();

    /// <summary>A row of a good product; tests change the one cell they are about.</summary>
    public static string Row(string sku, string price = "88.50", string category = "tea", string stock = "7", string published = "true",
        string nameZh = "测试 铁观音", string nameEn = "Test Tieguanyin") =>
        $"{sku},{nameZh},{nameEn},安溪乌龙茶，清香型。,\"Oolong tea, fragrant\",{price},{category},{stock},{published}";

    public static async Task<Result<ImportReport>> TryImportAsync(this ShopFactory shop, byte[] file, List<ImportProgress>? progress = null)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportProducts>();
        return await import.HandleAsync(new MemoryStream(file), "test.csv", new ImportActor(null, "import-test"),
            progress is null ? null : new Collect(progress), CancellationToken.None);
    }

    public static async Task<ImportReport> ImportAsync(this ShopFactory shop, string csv) => await shop.ImportAsync(Utf8(csv));

    public static async Task<ImportReport> ImportAsync(this ShopFactory shop, byte[] file, List<ImportProgress>? progress = null)
    {
        var outcome = await shop.TryImportAsync(file, progress);
        Assert.True(outcome.Succeeded, outcome.Problem?.Detail);
        return outcome.Value!;
    }

    public static async Task<byte[]> ExportAsync(this ShopFactory shop)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var output = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ExportProducts>().HandleAsync(output, new ImportActor(null, "export-test"), default);
        return output.ToArray();
    }

    public static Task<Product?> ProductAsync(this ShopFactory shop, string sku) =>
        shop.WithDbAsync(db => db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku));

    public static Task<int> ProductCountAsync(this ShopFactory shop) => shop.WithDbAsync(db => db.Set<Product>().CountAsync());

    /// <summary>On-hand stock straight from the table (null without a stock row).</summary>
    public static Task<int?> OnHandAsync(this ShopFactory shop, int productId) =>
        shop.WithDbAsync(db => db.Database.SqlQuery<int?>($"""SELECT "OnHand" AS "Value" FROM "StockLevels" WHERE "ProductId" = {productId}""")
            .SingleOrDefaultAsync());

    public static HttpContent Upload(byte[] file, string name = "products.csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { content, "file", name } };
    }

    public sealed record Started(Guid Id);

    public sealed record Rejection(int Line, string? Sku, string Reason);

    public sealed record ImportView(Guid Id, string FileName, string State, int Percent, int Rows, int Created, int Updated,
        int Unchanged, int Rejected, List<Rejection>? RejectedRows, string? Stopped, string? Error);

    /// <summary>Uploads through the API, waits for the background import to end, and returns what the API then says.</summary>
    public static async Task<ImportView> UploadAndWaitAsync(this ShopFactory shop, HttpClient admin, byte[] file)
    {
        var response = await admin.PostAsync("/api/v1/admin/products/imports", Upload(file));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await CatalogApi.Describe(response));
        var id = (await response.Content.ReadFromJsonAsync<Started>())!.Id;
        Assert.Equal($"/api/v1/admin/products/imports/{id}", response.Headers.Location?.OriginalString);
        await shop.ImportFinishedAsync(id);
        var status = await admin.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        return (await status.Content.ReadFromJsonAsync<ImportView>())!;
    }

    /// <summary>Until the background worker has finished the import (it runs on its own thread, so this waits for it).</summary>
    public static Task<ProductImport> ImportFinishedAsync(this ShopFactory shop, Guid id) =>
        shop.ImportWhenAsync(id, j => j.State is ProductImportStatus.Done or ProductImportStatus.Failed);

    /// <summary>
    /// The import's row once it is as wanted. The worker runs on its own thread, so this polls the
    /// table in real time (the fake clock stays where the test put it) and fails after two minutes.
    /// </summary>
    public static async Task<ProductImport> ImportWhenAsync(this ShopFactory shop, Guid id, Func<ProductImport, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var row = await shop.WithDbAsync(db => db.Set<ProductImport>().AsNoTracking().SingleOrDefaultAsync(j => j.Id == id));
            Assert.NotNull(row);
            if (wanted(row))
                return row;
            Assert.True(DateTime.UtcNow < deadline, $"Import {id} is still {row.State} (attempt {row.Attempts}, {row.Rows} rows).");
            await Task.Delay(20);
        }
    }

    /// <summary>Whether the uploaded file is still kept beside its import.</summary>
    public static Task<bool> ImportFileKeptAsync(this ShopFactory shop, Guid id) =>
        shop.WithDbAsync(db => db.Set<ProductImportFile>().AnyAsync(f => f.ImportId == id));

    private sealed class Collect(List<ImportProgress> into) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => into.Add(value);
    }
}
