using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>
/// An operator's product and a shopper's address carry markup that would set window.__xss and open an
/// alert if a page let it run; in a real browser every page that shows them shows the text, no dialog
/// opens, window.__xss stays undefined, and nothing is refused by the Content-Security-Policy (which is
/// what an injected inline script or handler would meet) or requested from an injected src.
/// </summary>
public sealed class CrossSiteScriptingTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    private const string Name = "<img src=/xss-probe onerror=\"window.__xss=1;alert(1)\">手机";
    private const string Description = "</textarea><script>window.__xss=1;alert(2)</script><svg onload=\"window.__xss=1\">";
    private const string Recipient = "\"><svg onload=alert(3)>王";
    private const string Street = "<script>window.__xss=1</script>路 1 号";

    private static void Watch(IPage page, List<string> trouble)
    {
        page.Dialog += async (_, dialog) => { trouble.Add($"a dialog opened on {page.Url}: {dialog.Message}"); await dialog.DismissAsync(); };
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource")) trouble.Add($"{page.Url}: {m.Text}"); };
        page.PageError += (_, e) => trouble.Add($"{page.Url}: {e}");
        // The probe's own path, not a URL that merely carries the payload (a search for it does).
        page.Request += (_, r) => { if (new Uri(r.Url).AbsolutePath == "/xss-probe") trouble.Add($"an injected img asked for {r.Url}"); };
    }

    private static async Task VisitAsync(IPage page, string path, List<string> trouble, params string[] shows)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Status == 200, $"{path}: {response.Status}");
        await Expect(page.Locator("footer.site-footer")).ToBeAttachedAsync();
        foreach (var text in shows)
            await Expect(page.Locator("body")).ToContainTextAsync(text);
        if (await page.EvaluateAsync<string>("() => typeof window.__xss") != "undefined")
            trouble.Add($"window.__xss was set on {path}");
    }

    [Fact]
    public Task Markup_in_a_product_and_an_address_is_shown_as_text_and_never_runs() => RunAsync(async admin =>
    {
        var trouble = new List<string>();
        Watch(admin, trouble);
        await SignInAsAdminAsync(admin);
        var sku = "XSS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await admin.GotoAsync("/admin/products/edit");
        await admin.Locator("input[name='Input.Sku']").FillAsync(sku);
        var category = admin.Locator("select[name='Input.CategoryId'] option:not([value=''])").Nth(1);
        await admin.Locator("select[name='Input.CategoryId']").SelectOptionAsync((await category.GetAttributeAsync("value"))!);
        await admin.Locator("input[name='Input.NameZh']").FillAsync(Name);
        await admin.Locator("input[name='Input.NameEn']").FillAsync(Name);
        await admin.Locator("textarea[name='Input.DescriptionZh']").FillAsync(Description);
        await admin.Locator("textarea[name='Input.DescriptionEn']").FillAsync(Description);
        await admin.Locator("input[name='Input.Price']").FillAsync("66.00");
        await admin.Locator("input[name='Input.Stock']").FillAsync("20");
        await admin.Locator("input[type=checkbox][name='Input.IsPublished']").CheckAsync();
        await admin.GetByTestId("save-product").ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin/products$"));

        await admin.GotoAsync("/admin/products?q=" + sku);
        await admin.GetByTestId("admin-products").Locator("tbody tr").First.GetByTestId("edit-product").ClickAsync();
        await ArrivedAtAsync(admin, new Regex(@"/admin/products/edit/\d+$"));
        var id = int.Parse(PathOf(admin).Split('/')[^1]);
        await Expect(admin.Locator("input[name='Input.NameZh']")).ToHaveValueAsync(Name);
        await Expect(admin.Locator("textarea[name='Input.DescriptionZh']")).ToHaveValueAsync(Description);
        await VisitAsync(admin, "/admin/products?q=" + sku, trouble, Name);

        var shopper = await OpenAnotherBrowserAsync();
        Watch(shopper, trouble);
        var (userName, phone) = await RegisterCustomerAsync(shopper);
        await SignInAsync(shopper, userName, Password);
        await shopper.GotoAsync("/account/addresses/edit");
        await shopper.Locator("input[name='Input.Recipient']").FillAsync(Recipient);
        await shopper.Locator("input[name='Input.Phone']").FillAsync(phone);
        await shopper.Locator("input[name='Input.Province']").FillAsync("广东省");
        await shopper.Locator("input[name='Input.City']").FillAsync("深圳市");
        await shopper.Locator("input[name='Input.District']").FillAsync("南山区");
        await shopper.Locator("input[name='Input.Street']").FillAsync(Street);
        await shopper.Locator("input[name='Input.Postcode']").FillAsync("518057");
        await shopper.GetByTestId("save-address").ClickAsync();
        await ArrivedAtAsync(shopper, new Regex(@"/account$"));

        await VisitAsync(shopper, $"/products/{id}", trouble, Name, Description);
        await shopper.GetByTestId("add-to-cart").ClickAsync();
        // The page's script fetches a form token, adds, then opens the cart: wait for the cart itself.
        await ArrivedAtAsync(shopper, new Regex(@"/cart$"));
        await Expect(shopper.GetByTestId("cart-line")).ToHaveCountAsync(1);
        await VisitAsync(shopper, "/cart", trouble, Name);
        await VisitAsync(shopper, "/checkout", trouble, Name, Recipient, Street);
        await VisitAsync(shopper, "/account", trouble, Recipient, Street);
        await VisitAsync(shopper, "/search?q=" + Uri.EscapeDataString(Name), trouble, Name);
        await Expect(shopper.Locator("form.search input[name='q']")).ToHaveValueAsync(Name);
        await VisitAsync(shopper, "/search?q=" + Uri.EscapeDataString("\"><script>window.__xss=1</script>"), trouble);

        Assert.True(trouble.Count == 0, string.Join("\n", trouble));
    });
}
