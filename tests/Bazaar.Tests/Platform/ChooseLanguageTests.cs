using System.Net;
using Bazaar.Platform.Web;

namespace Bazaar.Tests.Platform;

/// <summary>A shopper picks a language once and the shop remembers it, over what the browser asks for.</summary>
public sealed class ChooseLanguageTests(SqliteShop shop) : IClassFixture<SqliteShop>
{
    [Fact]
    public async Task Choosing_English_is_remembered_over_a_Chinese_browser_and_returns_to_the_page()
    {
        var client = shop.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN,zh;q=0.9");
        Assert.Contains("<html lang=\"zh-CN\">", await client.GetStringAsync("/cart"));

        var chosen = await client.GetAsync("/language?lang=en&returnUrl=%2Fcart");

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/cart", chosen.Headers.Location!.ToString());
        Assert.Contains("<html lang=\"en\">", await client.GetStringAsync("/cart"));
        var back = await client.GetAsync("/language?lang=zh-CN&returnUrl=%2F");
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\">", await client.GetStringAsync("/cart"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task The_way_back_never_leaves_the_shop(string returnUrl)
    {
        var response = await shop.Anonymous().GetAsync($"/language?lang=en&returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task An_unknown_language_is_a_400()
    {
        var response = await shop.Anonymous().GetAsync("/language?lang=fr&returnUrl=%2F");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(ChooseLanguage.IsLocal("//x"));
    }
}
