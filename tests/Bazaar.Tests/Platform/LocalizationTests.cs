using System.Net.Http.Headers;

namespace Bazaar.Tests.Platform;

/// <summary>
/// The shop speaks Chinese and English: every text a page shows comes from the module's resources,
/// and every resource exists in both languages.
/// </summary>
public sealed class LocalizationTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    public static TheoryData<string> ResourceFiles() =>
        new(PageTexts.Files("*Text.resx").Select(PageTexts.Relative));

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_text_exists_in_English_and_Chinese(string resx)
    {
        var english = PageTexts.Read(Path.Combine(PageTexts.SourceRoot, resx));
        var chinesePath = Path.Combine(PageTexts.SourceRoot, resx.Replace(".resx", ".zh-CN.resx"));
        Assert.True(File.Exists(chinesePath), $"{resx} has no Chinese file beside it");
        var chinese = PageTexts.Read(chinesePath);

        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"missing in Chinese: {k}"));
        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"missing in English: {k}"));
        Assert.Empty(english.Concat(chinese).Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"empty: {e.Key}"));
    }

    [Fact]
    public void Every_Chinese_file_has_an_English_one()
    {
        var orphans = PageTexts.Files("*.zh-CN.resx")
            .Where(f => !File.Exists(f.Replace(".zh-CN.resx", ".resx")))
            .Select(PageTexts.Relative);
        Assert.Empty(orphans);
    }

    [Fact]
    public void Every_text_a_page_asks_for_is_in_its_module_resources()
    {
        var missing = new List<string>();
        foreach (var file in PageTexts.Files("*.cshtml").Concat(PageTexts.Files("*.cs")))
        {
            var resx = PageTexts.ResourcesFor(file);
            var known = File.Exists(resx) ? PageTexts.Read(resx) : new Dictionary<string, string>();
            foreach (var key in PageTexts.KeysAskedIn(File.ReadAllText(file)))
                if (!known.ContainsKey(key))
                    missing.Add($"{PageTexts.Relative(file)}: \"{key}\" is not in {PageTexts.Relative(resx)}");
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void No_page_writes_a_text_that_is_not_in_the_resources()
    {
        var hardCoded = PageTexts.Files("*.cshtml")
            .SelectMany(f => PageTexts.HardCodedTexts(File.ReadAllText(f)).Select(t => $"{PageTexts.Relative(f)}:{t.Line}: {t.Text}"))
            .Concat(PageTexts.Files("*.cshtml.cs")
                .SelectMany(f => PageTexts.ChineseLiterals(File.ReadAllText(f)).Select(t => $"{PageTexts.Relative(f)}:{t.Line}: {t.Text}")))
            .ToList();
        // Every one listed, so the whole list can be worked through from one run.
        Assert.True(hardCoded.Count == 0, $"{hardCoded.Count} texts are written into pages rather than taken from the resources:\n" + string.Join("\n", hardCoded));
    }

    [Fact]
    public void The_lint_sees_a_hard_coded_text_and_lets_a_localized_one_pass()
    {
        var page = """
            @{ var zh = true; }
            <h1>@T["Orders"]</h1>
            <p>Out of stock</p>
            @if (zh) { <a href="/x" title="@T["Back"]">@Model.Name</a> } else { <span>@(zh ? "a" : "b")</span> }
            <input placeholder="Search here" />
            <p>缺货</p>
            @* <p>a comment</p> *@
            <b>@(zh ? "有货" : "In stock")</b>
            @for (var i = 0; i < 3; i++) { if (i == 1) { <i>@i</i> } }
            """;

        var found = PageTexts.HardCodedTexts(page).ToList();

        Assert.Equal([(3, "Out of stock"), (5, "placeholder=\"Search here\""), (6, "缺货"), (8, "\"有货\"")], found.OrderBy(f => f.Line));
    }

    [Theory]
    [InlineData("zh-CN", "购物车", "Cart")]
    [InlineData("en", "Cart", "购物车")]
    public async Task The_header_speaks_the_browser_language(string language, string shown, string notShown)
    {
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        var home = await client.GetStringAsync("/");

        Assert.Contains($">{shown}</a>", home);
        Assert.DoesNotContain($">{notShown}</a>", home);
    }

    [Fact]
    public async Task A_page_that_is_not_there_says_so_in_Chinese()
    {
        var client = shop.Anonymous();
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }
}
