using System.Text;
using Bazaar.Catalog;
using Bazaar.Platform.Audit;
using Bazaar.Platform.Data;
using Bazaar.Tests.Ordering;
using Bazaar.Tests.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Bazaar.Tests.Catalog.CatalogApi;
using static Bazaar.Tests.Catalog.ProductFiles;

namespace Bazaar.Tests.Catalog;

/// <summary>
/// ImportProducts, the handler behind `bazaar import products` and the back office's upload: what
/// an operator's file creates, updates, refuses and reports, and that a bad row never half-lands.
/// </summary>
public abstract class ImportProductsTests(ShopFactory shop)
{
    [Fact]
    public async Task Good_rows_create_products_with_their_Chinese_text_stock_and_state()
    {
        var (a, b) = (NewSku("IMP"), NewSku("IMP"));
        var file = Csv(Header,
            $"{a},西湖龙井 明前特级,West Lake Longjing,\"杭州西湖产区，\n明前采摘。\",\"Hangzhou, first flush\",268.00,tea,40,true",
            Row(b, price: "19.9", stock: "", published: ""));

        var report = await shop.ImportAsync(file);

        Assert.Equal((2, 2, 0, 0, 0), (report.Rows, report.Created, report.Updated, report.Unchanged, report.RejectedCount));
        Assert.True(report.AllImported);
        var longjing = (await shop.ProductAsync(a))!;
        Assert.Equal(("西湖龙井 明前特级", "West Lake Longjing", "杭州西湖产区，\n明前采摘。", "Hangzhou, first flush"),
            (longjing.NameZh, longjing.NameEn, longjing.DescriptionZh, longjing.DescriptionEn));
        Assert.Equal(268.00m, longjing.Price);
        Assert.True(longjing.IsPublished);
        Assert.Equal(40, await shop.OnHandAsync(longjing.Id));
        var draft = (await shop.ProductAsync(b))!;
        Assert.False(draft.IsPublished); // no published cell: a new product is a draft, as in the editor
        Assert.Equal(0, await shop.OnHandAsync(draft.Id));
        // The search text was built, so shoppers find it by its Chinese name.
        var found = await ProductsAsync(shop.Anonymous(), "?q=" + Uri.EscapeDataString("西湖龙井 明前"));
        Assert.Contains(found.Items, i => i.Sku == a && i.Available == 40);
    }

    [Fact]
    public async Task A_known_SKU_is_updated_with_its_stock_and_the_same_file_again_changes_nothing()
    {
        var created = await CreateProductAsync(shop, b => (b["stock"], b["isPublished"]) = (7, false), aisle: "kitchenware");
        var before = (await shop.ProductAsync(created.Sku))!;
        var file = Csv(Header, Row(created.Sku, price: "45.60", stock: "20", published: "yes", nameZh: "新名字 茶具", nameEn: "New Name Tea Set"));

        var report = await shop.ImportAsync(file);

        Assert.Equal((0, 1, 0), (report.Created, report.Updated, report.Unchanged));
        var after = (await shop.ProductAsync(created.Sku))!;
        Assert.Equal(before.Id, after.Id);
        Assert.Equal((45.60m, "新名字 茶具", "New Name Tea Set", true), (after.Price, after.NameZh, after.NameEn, after.IsPublished));
        Assert.Equal((await AisleAsync(shop.Anonymous(), "tea")).Id, after.CategoryId);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(20, await shop.OnHandAsync(after.Id));
        Assert.Contains("新名字", after.SearchText);

        var again = await shop.ImportAsync(file);
        Assert.Equal((0, 0, 1), (again.Created, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task Empty_stock_and_published_cells_and_missing_columns_keep_what_the_product_has()
    {
        var created = await CreateProductAsync(shop, b => (b["stock"], b["isPublished"]) = (7, true));
        var file = Csv("price,category,nameEn,sku,nameZh,stock,published,supplier note",
            $"99.00,tea,Renamed,{created.Sku},改名,,,ignored column");

        var report = await shop.ImportAsync(file);

        Assert.Equal(1, report.Updated);
        var after = (await shop.ProductAsync(created.Sku))!;
        Assert.Equal((99.00m, "Renamed", "改名", true), (after.Price, after.NameEn, after.NameZh, after.IsPublished));
        Assert.Equal("Stainless steel flask, for tests.", after.DescriptionEn); // no description columns: kept
        Assert.Equal(7, await shop.OnHandAsync(after.Id));
    }

    [Fact]
    public async Task Each_bad_row_is_reported_with_its_physical_line_and_reason_and_the_good_rows_are_imported()
    {
        var skus = Enumerable.Range(0, 4).Select(_ => NewSku("IMP")).ToArray();
        var file = Csv(Header,
            $"{skus[0]},多行 描述,Multi-line,\"第一行\n第二行\n第三行\",,10.00,tea,1,true", // lines 2 to 4
            Row(NewSku("BAD"), price: "abc"),                                          // 5
            Row(NewSku("BAD"), price: "-5"),                                           // 6
            Row(NewSku("BAD"), price: "1.234"),                                        // 7
            Row(skus[1]),                                                              // 8
            Row(NewSku("BAD"), category: "no-such-aisle"),                             // 9
            Row(skus[1], price: "12.00"),                                              // 10: SKU of line 8 again
            Row(NewSku("BAD"), published: "maybe", stock: "-3"),                       // 11
            Row("BAD SKU!"),                                                           // 12
            Row(NewSku("BAD"), nameEn: ""),                                            // 13
            $"{NewSku("BAD")},只有三列,Three",                                           // 14
            "",                                                                        // 15: blank, skipped
            Row(skus[2]),                                                              // 16
            Row(skus[3], price: "0.5"));                                               // 17

        var report = await shop.ImportAsync(file);

        Assert.Equal((13, 4, 9), (report.Rows, report.Created, report.RejectedCount));
        Assert.Equal([5, 6, 7, 9, 10, 11, 12, 13, 14], report.Rejected.Select(r => r.Line).ToArray());
        var reasons = report.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Contains("Price 'abc' is not a number", reasons[5]);
        Assert.Contains("more than 0", reasons[6]);
        Assert.Contains("two decimal places", reasons[7]);
        Assert.Contains("no category 'no-such-aisle'", reasons[9]);
        Assert.Contains($"SKU {skus[1]} is already on line 8", reasons[10]);
        Assert.Equal(skus[1], report.Rejected.Single(r => r.Line == 10).Sku);
        Assert.Contains("Published must be true or false", reasons[11]);
        Assert.Contains("Stock must be between 0", reasons[11]);
        Assert.Contains("SKU may contain", reasons[12]);
        Assert.Contains("English name is required", reasons[13]);
        Assert.Contains("3 fields where the header has 9", reasons[14]);
        foreach (var sku in skus)
            Assert.NotNull(await shop.ProductAsync(sku));
        Assert.Equal(88.50m, (await shop.ProductAsync(skus[1]))!.Price); // line 8's row, not line 10's
        Assert.Equal(0, await shop.WithDbAsync(db => db.Set<Product>().CountAsync(x => x.Sku.StartsWith("BAD"))));
    }

    [Fact]
    public async Task A_quote_never_closed_rejects_its_row_and_past_a_megabyte_stops_the_file_keeping_the_rows_before_it()
    {
        var (a, b, c) = (NewSku("IMP"), NewSku("IMP"), NewSku("IMP"));
        var unclosed = $"{b},\"never closed,Name,,,1.00,tea,1,true";
        // Rows after it without quotes of their own: the first quote further down would close it.
        static string Plain(string sku) => $"{sku},无引号,Plain,,,1.00,tea,1,true";

        var small = await shop.ImportAsync(Csv(Header, Row(a), unclosed, Plain(c)));

        Assert.Equal((2, 1), (small.Rows, small.Created));
        var swallowed = small.Rejected.Single();
        Assert.Equal((3, b), (swallowed.Line, swallowed.Sku));
        Assert.Contains("never closed", swallowed.Reason);
        Assert.Null(await shop.ProductAsync(c)); // it was read as part of the open quote

        var (d, e) = (NewSku("IMP"), NewSku("IMP"));
        var filler = Enumerable.Range(0, 25_000).Select(_ => Plain(NewSku("IMP")));
        var large = await shop.ImportAsync(Csv([Header, Row(d), unclosed.Replace(b, e), .. filler]));

        Assert.False(large.AllImported);
        Assert.StartsWith("Line 3: ", large.Stopped);
        Assert.Contains("The rest of the file was not read", large.Stopped);
        Assert.Equal((1, 1), (large.Rows, large.Created));
        Assert.NotNull(await shop.ProductAsync(d));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_whole_and_nothing_is_written()
    {
        var before = await shop.ProductCountAsync();
        var sku = NewSku("IMP");

        var missing = await shop.TryImportAsync(Utf8(Csv("sku,nameZh,nameEn,category,stock", $"{sku},名字,Name,tea,5")));
        var twice = await shop.TryImportAsync(Utf8(Csv("sku,nameZh,nameEn,price,category,Price", $"{sku},名字,Name,1,tea,2")));
        var empty = await shop.TryImportAsync([]);

        Assert.False(missing.Succeeded);
        Assert.Contains("no price column", missing.Problem!.Detail);
        Assert.Contains("nothing was imported", missing.Problem.Detail);
        Assert.Contains("file", missing.Problem.Errors!.Keys);
        Assert.Contains("'price' appears twice", twice.Problem!.Detail);
        Assert.Contains("The file is empty", empty.Problem!.Detail);
        Assert.Equal(before, await shop.ProductCountAsync());
        Assert.Null(await shop.ProductAsync(sku));
    }

    [Fact]
    public async Task A_file_saved_as_GBK_is_refused_and_a_stray_bad_byte_rejects_only_its_row()
    {
        var before = await shop.ProductCountAsync();
        // 商品 in GBK, as Excel on a Chinese Windows saves a plain "CSV".
        byte[] gbk = [0xC9, 0xCC, 0xC6, 0xB7];
        var head = Encoding.ASCII.GetBytes(Csv(Header) + NewSku("IMP") + ",");
        var gbkFile = head.Concat(gbk).Concat(Encoding.ASCII.GetBytes(",Goods,,,1.00,tea,1,true\r\n")).ToArray();

        var refused = await shop.TryImportAsync(gbkFile);

        Assert.False(refused.Succeeded);
        Assert.Contains("not UTF-8", refused.Problem!.Detail);
        Assert.Equal(before, await shop.ProductCountAsync());

        // Far into a UTF-8 file, past what is checked up front: that row alone is rejected.
        var good = Enumerable.Range(0, 700).Select(_ => Row(NewSku("IMP"), nameZh: "正常的中文名字，足够长以填满开头的检查范围")).ToList();
        var bad = Utf8(Csv([Header, .. good])).Concat(Encoding.ASCII.GetBytes(NewSku("IMP") + ",")).Concat(gbk)
            .Concat(Encoding.ASCII.GetBytes(",Goods,,,1.00,tea,1,true\r\n")).ToArray();
        var report = await shop.ImportAsync(bad);
        Assert.Equal((700, 1), (report.Created, report.RejectedCount));
        Assert.Equal(702, report.Rejected.Single().Line);
        Assert.Contains("not UTF-8", report.Rejected.Single().Reason);
    }

    [Fact]
    public async Task A_row_whose_stock_cannot_be_set_is_not_half_imported_and_its_batch_still_lands()
    {
        var held = await CreateProductAsync(shop, b => (b["stock"], b["price"]) = (10, 50m));
        await shop.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "StockLevels" SET "Reserved" = 6 WHERE "ProductId" = {held.Id}"""));
        var other = NewSku("IMP");
        var file = Csv(Header, Row(other), Row(held.Sku, price: "60.00", stock: "3"), Row(NewSku("IMP"), stock: "2"));

        var report = await shop.ImportAsync(file);

        Assert.Equal((2, 0, 1), (report.Created, report.Updated, report.RejectedCount));
        var rejected = report.Rejected.Single();
        Assert.Equal((3, held.Sku), (rejected.Line, rejected.Sku));
        Assert.Contains("6 unit(s) already reserved", rejected.Reason);
        var after = (await shop.ProductAsync(held.Sku))!;
        Assert.Equal(50m, after.Price); // the price of the row went back with its stock
        Assert.Equal(10, await shop.OnHandAsync(after.Id));
        Assert.NotNull(await shop.ProductAsync(other));
    }

    [Fact]
    public async Task Ten_thousand_rows_are_all_imported_with_their_stock_and_progress_is_reported()
    {
        var prefix = "TK" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var aisles = new[] { "tea", "snacks", "bedding", "kitchenware", "phones" };
        var rows = Enumerable.Range(1, 10_000).Select(i =>
            $"{prefix}-{i:D5},批量商品 {i} 号,Bulk item {i},\"描述，{i}\",,{i % 500 + 1}.{i % 100:D2},{aisles[i % aisles.Length]},{i % 50},{(i % 3 == 0 ? "false" : "true")}");
        var progress = new List<ImportProgress>();

        var report = await shop.ImportAsync(Utf8(Csv([Header, .. rows])), progress);

        Assert.Equal((10_000, 10_000, 0, 0), (report.Rows, report.Created, report.Updated, report.RejectedCount));
        Assert.Equal(10_000, await shop.WithDbAsync(db => db.Set<Product>().CountAsync(p => p.Sku.StartsWith(prefix))));
        Assert.Equal(10_000, await shop.WithDbAsync(db => db.Database.SqlQuery<int>(
            $"""SELECT COUNT(*) AS "Value" FROM "StockLevels" s JOIN "Products" p ON p."Id" = s."ProductId" AND p."Sku" = s."Sku" WHERE p."Sku" LIKE {prefix + "-%"}""").SingleAsync()));
        var last = (await shop.ProductAsync($"{prefix}-10000"))!;
        Assert.Equal((1.00m, true), (last.Price, last.IsPublished));
        Assert.Equal(0, await shop.OnHandAsync(last.Id));
        Assert.True(progress.Count >= 10, $"{progress.Count} progress reports");
        Assert.Equal(progress.Select(p => p.Bytes).Order(), progress.Select(p => p.Bytes));
        Assert.Equal(1.0, progress[^1].Fraction);
        Assert.Equal(10_000, progress[^1].Created);
    }

    [Fact]
    public async Task Export_then_import_changes_nothing_even_text_that_looks_like_a_formula()
    {
        var formula = await CreateProductAsync(shop, b => (b["nameEn"], b["nameZh"], b["descriptionEn"]) = ("=SUM(A1:A9)", "-折扣 \"特价\"", "line one,\nline two"));

        var exported = await shop.ExportAsync();
        var text = Encoding.UTF8.GetString(exported);

        Assert.Equal(Encoding.UTF8.GetPreamble(), exported[..3]); // so Excel reads the Chinese as UTF-8
        Assert.StartsWith(Header + "\r\n", text[1..]);
        Assert.Contains("\"'=SUM(A1:A9)\"", text); // a spreadsheet shows it rather than running it
        var count = await shop.ProductCountAsync();
        var report = await shop.ImportAsync(exported);
        Assert.Equal((count, 0, 0, count, 0), (report.Rows, report.Created, report.Updated, report.Unchanged, report.RejectedCount));
        var after = (await shop.ProductAsync(formula.Sku))!;
        Assert.Equal(("=SUM(A1:A9)", "-折扣 \"特价\"", "line one,\nline two"), (after.NameEn, after.NameZh, after.DescriptionEn));
    }

    [Fact]
    public async Task An_import_is_one_audit_entry_with_its_counts_and_who_ran_it()
    {
        var file = Csv(Header, Row(NewSku("IMP")), Row(NewSku("IMP"), price: "x"));

        await shop.ImportAsync(file);

        var entry = await shop.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.Action == "product.imported").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal("import-test", entry.Actor);
        Assert.Equal("products from test.csv", entry.Target);
        Assert.Equal("2 rows: 1 created, 0 updated, 0 unchanged, 1 rejected", entry.Details);
    }
}

public sealed class ImportProductsTests_Sqlite(SqliteShop shop) : ImportProductsTests(shop), IClassFixture<SqliteShop>;
public sealed class ImportProductsTests_Postgres(PostgresShop shop) : ImportProductsTests(shop), IClassFixture<PostgresShop>;
