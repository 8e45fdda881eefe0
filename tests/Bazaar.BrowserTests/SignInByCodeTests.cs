using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Bazaar.BrowserTests;

/// <summary>A shopper who forgot the password signs in with the code texted to their phone (read from the sandbox's SMS inbox).</summary>
public sealed class SignInByCodeTests(BrowserShop fixture, ITestOutputHelper output) : BrowserTest(fixture, output)
{
    [Fact]
    public Task Shopper_signs_in_with_a_texted_code_after_a_wrong_one() => RunAsync(async page =>
    {
        var (userName, phone) = await RegisterCustomerAsync(page);

        await page.GotoAsync("/account/login?returnUrl=%2Faccount");
        await page.GetByTestId("sign-in-with-code-link").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/account/login/code\?returnUrl=%2Faccount$"));
        await page.GetByTestId("phone").FillAsync(phone);
        await page.GetByTestId("send-code").ClickAsync();
        await Expect(page.GetByTestId("code-sent")).ToContainTextAsync("验证码已发出");

        var code = await LatestCodeAsync(page, "+86" + phone);
        await page.GetByTestId("code").FillAsync(((int.Parse(code) + 1) % 1_000_000).ToString("D6"));
        await page.GetByTestId("sign-in-with-code").ClickAsync();
        await Expect(page.GetByTestId("code-message")).ToHaveTextAsync("验证码不正确。");

        await page.GetByTestId("code").FillAsync(code);
        await page.GetByTestId("sign-in-with-code").ClickAsync();
        await ArrivedAtAsync(page, new Regex(@"/account$"));
        await Expect(page.GetByTestId("profile-username")).ToHaveTextAsync(userName);
    });

    private async Task<string> LatestCodeAsync(IPage page, string to)
    {
        var url = new Uri(Fixture.SandboxUrl, "/sandbox/sms/messages?to=" + Uri.EscapeDataString(to)).ToString();
        var response = await page.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        using var json = JsonDocument.Parse(await response.TextAsync());
        var text = json.RootElement.EnumerateArray().First().GetProperty("text").GetString()!;
        return Regex.Match(text, @"\b(\d{6})\b").Groups[1].Value;
    }
}
