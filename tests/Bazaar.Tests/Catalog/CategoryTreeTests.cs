using System.Text.RegularExpressions;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

public abstract partial class CategoryTreeTests(ShopFactory shop)
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [Fact]
    public async Task The_tree_has_departments_with_aisles_and_at_least_twenty_categories()
    {
        var roots = await CategoriesAsync(shop.Anonymous());

        Assert.True(roots.Count >= 2, "several departments");
        Assert.All(roots, d => Assert.Null(d.ParentId));
        Assert.All(roots, d => Assert.NotEmpty(d.Children));
        foreach (var department in roots)
            Assert.All(department.Children, aisle =>
            {
                Assert.Equal(department.Id, aisle.ParentId);
                Assert.Empty(aisle.Children); // two levels, no deeper
            });
        Assert.True(roots.Count + roots.Sum(d => d.Children.Count) >= 20);
    }

    [Fact]
    public async Task Every_category_has_a_chinese_and_an_english_name()
    {
        var all = (await CategoriesAsync(shop.Anonymous())).SelectMany(d => d.Children.Prepend(d)).ToList();

        Assert.All(all, c =>
        {
            Assert.Matches(Chinese(), c.NameZh);
            Assert.DoesNotMatch(Chinese(), c.NameEn);
            Assert.False(string.IsNullOrWhiteSpace(c.NameEn));
        });
    }

    [Fact]
    public async Task The_display_name_follows_the_shoppers_language()
    {
        var zh = await CategoriesAsync(shop.Anonymous(), "zh-CN");
        var en = await CategoriesAsync(shop.Anonymous(), "en");

        Assert.All(zh, d => Assert.Equal(d.NameZh, d.Name));
        Assert.All(en, d => Assert.Equal(d.NameEn, d.Name));
        Assert.Contains(zh, d => d.Name == "手机数码");
        Assert.Contains(en, d => d.Name == "Phones & Digital");
    }
}

public sealed class CategoryTreeTests_Sqlite(SqliteShop shop) : CategoryTreeTests(shop), IClassFixture<SqliteShop>;
public sealed class CategoryTreeTests_Postgres(PostgresShop shop) : CategoryTreeTests(shop), IClassFixture<PostgresShop>;
