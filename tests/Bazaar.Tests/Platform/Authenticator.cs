using System.Net;
using System.Text.RegularExpressions;
using OtpNet;

namespace Bazaar.Tests.Platform;

/// <summary>The authenticator app on the operator's phone: RFC 6238 codes (30 s, 6 digits, SHA-1) from the shop's key.</summary>
public static class Authenticator
{
    /// <summary>The code the app shows now. Identity checks codes on the real clock, not the shop's TimeProvider.</summary>
    public static string Code(string key) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(DateTime.UtcNow);

    /// <summary>The two-factor step a page sign-in was sent to: the form, then the code; answers the redirect onwards.</summary>
    public static async Task<HttpResponseMessage> SecondStepOnPageAsync(HttpClient browser, string stepUrl, string key,
        string field = "Input.TwoFactorCode", string? value = null)
    {
        var form = await browser.GetAsync(stepUrl);
        var html = await form.Content.ReadAsStringAsync();
        Assert.True(form.StatusCode == HttpStatusCode.OK, $"{stepUrl}: {(int)form.StatusCode} {form.Headers.Location}");
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value);
        var fields = new Dictionary<string, string> { [field] = value ?? Code(key), ["__RequestVerificationToken"] = token };
        foreach (Match hidden in Regex.Matches(html, "<input type=\"hidden\" name=\"(returnUrl|Input.RememberMe)\" value=\"([^\"]*)\""))
            fields[hidden.Groups[1].Value] = WebUtility.HtmlDecode(hidden.Groups[2].Value);
        var response = await browser.PostAsync(stepUrl.Split('?')[0], new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"the two-factor step: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }
}
