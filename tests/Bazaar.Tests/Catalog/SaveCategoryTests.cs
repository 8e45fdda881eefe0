using System.Net;
using System.Net.Http.Json;
using Bazaar.Tests.Platform;
using static Bazaar.Tests.Catalog.CatalogApi;

namespace Bazaar.Tests.Catalog;

/// <summary>POST/PUT /api/v1/admin/categories: the tree stays two levels deep and slugs stay unique.</summary>
public abstract class SaveCategoryTests(ShopFactory shop)
{
    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private static object Body(string slug, int? parentId, string nameEn = "Test Aisle") =>
        new { slug, nameZh = "测试类目", nameEn, parentId, sortOrder = 99 };

    [Fact]
    public async Task An_admin_adds_an_aisle_under_a_department_and_shoppers_see_it()
    {
        var admin = await shop.AdminAsync();
        var department = (await CategoriesAsync(admin)).Single(d => d.Slug == "food");
        var slug = NewSlug("honey");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body(slug, department.Id, "Honey"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await Describe(response));
        var tree = await CategoriesAsync(shop.Anonymous(), "en");
        var aisle = tree.Single(d => d.Id == department.Id).Children.Single(c => c.Slug == slug);
        Assert.Equal("Honey", aisle.Name);
        Assert.Equal(department.Id, aisle.ParentId);
    }

    [Fact]
    public async Task A_new_aisle_can_hold_products_and_is_listed_with_its_department()
    {
        var admin = await shop.AdminAsync();
        var department = (await CategoriesAsync(admin)).Single(d => d.Slug == "home");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body(NewSlug("lamps"), department.Id));
        var aisleId = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        var before = (await ProductsAsync(admin, $"?category={department.Id}")).Total;

        var product = await CreateProductAsync(admin, ProductBody(aisleId));

        Assert.Equal([product.Id], (await ProductsAsync(shop.Anonymous(), $"?category={aisleId}")).Items.Select(i => i.Id));
        Assert.Equal(before + 1, (await ProductsAsync(shop.Anonymous(), $"?category={department.Id}")).Total);
    }

    [Fact]
    public async Task A_third_level_is_refused()
    {
        var admin = await shop.AdminAsync();
        var aisle = await AisleAsync(admin, "phones");
        var before = await CategoriesAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body(NewSlug("deep"), aisle.Id));

        await AssertFieldErrorAsync(response, "parentId");
        Assert.Equal(Count(before), Count(await CategoriesAsync(admin)));
    }

    [Fact]
    public async Task A_department_with_aisles_cannot_be_moved_under_another()
    {
        var admin = await shop.AdminAsync();
        var roots = await CategoriesAsync(admin);
        var food = roots.Single(d => d.Slug == "food");
        var home = roots.Single(d => d.Slug == "home");

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/categories/{food.Id}", Body("food", home.Id));

        await AssertFieldErrorAsync(response, "parentId");
        Assert.Contains(await CategoriesAsync(admin), d => d.Id == food.Id);
    }

    [Fact]
    public async Task A_slug_already_in_use_is_refused()
    {
        var admin = await shop.AdminAsync();
        var department = (await CategoriesAsync(admin)).Single(d => d.Slug == "digital");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body("phones", department.Id));

        await AssertFieldErrorAsync(response, "slug");
        Assert.Single((await CategoriesAsync(admin)).SelectMany(d => d.Children), c => c.Slug == "phones");
    }

    [Theory]
    [InlineData("Upper-Case")]
    [InlineData("with space")]
    [InlineData("")]
    public async Task A_malformed_slug_is_refused(string slug)
    {
        var admin = await shop.AdminAsync();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body(slug, null));

        await AssertFieldErrorAsync(response, "slug");
    }

    [Fact]
    public async Task Renaming_a_category_shows_at_once()
    {
        var admin = await shop.AdminAsync();
        var department = (await CategoriesAsync(admin)).Single(d => d.Slug == "food");
        var slug = NewSlug("nuts");
        var created = await admin.PostAsJsonAsync("/api/v1/admin/categories", Body(slug, department.Id, "Nuts"));
        var id = (await created.Content.ReadFromJsonAsync<Created>())!.Id;

        var response = await admin.PutAsJsonAsync($"/api/v1/admin/categories/{id}", Body(slug, department.Id, "Nuts & Seeds"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var renamed = (await CategoriesAsync(shop.Anonymous(), "en")).SelectMany(d => d.Children).Single(c => c.Id == id);
        Assert.Equal("Nuts & Seeds", renamed.Name);
    }

    [Fact]
    public async Task Only_admins_may_change_categories()
    {
        var (customer, _, _) = await shop.NewCustomerAsync();
        var body = Body(NewSlug("nope"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Anonymous().PostAsJsonAsync("/api/v1/admin/categories", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customer.PostAsJsonAsync("/api/v1/admin/categories", body)).StatusCode);
    }

    private static int Count(List<Category> roots) => roots.Count + roots.Sum(d => d.Children.Count);
}

public sealed class SaveCategoryTests_Sqlite(SqliteShop shop) : SaveCategoryTests(shop), IClassFixture<SqliteShop>;
public sealed class SaveCategoryTests_Postgres(PostgresShop shop) : SaveCategoryTests(shop), IClassFixture<PostgresShop>;
